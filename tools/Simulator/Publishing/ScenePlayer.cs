using Platform.Simulator.Messages;
using Platform.Simulator.Scenes;

namespace Platform.Simulator.Publishing;

/// <summary>Publishes a scene's frames in real time: each frame when the clock reaches its timestamp (the script starts now).</summary>
public sealed class ScenePlayer(IDeepStreamSink sink, TimeProvider time)
{
    /// <summary>Returns how many messages were published (fewer if stopped).</summary>
    public async Task<int> PlayAsync(SceneScript script, DeepStreamSchema schema, CancellationToken stopping)
    {
        var published = 0;
        foreach (var frame in script.Frames)
        {
            var wait = frame.Timestamp - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stopping);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            foreach (var message in DeepStreamMessageWriter.Write(frame, schema))
            {
                sink.Publish(message);
                published++;
            }
        }

        return published;
    }
}
