using Platform.Simulator.Load;
using Platform.Simulator.Messages;

namespace Platform.Simulator.Publishing;

/// <summary>
/// Background load: one message per due slot of the <see cref="RatePacer"/>, each the next step of the
/// <see cref="RandomWalk"/>, stamped with its due time (so the stream's event times are exact and evenly spaced).
/// </summary>
public sealed class LoadRunner(RandomWalk walk, DeepStreamSchema schema, RatePacer pacer, IDeepStreamSink sink, TimeProvider time)
{
    /// <summary>Runs until the pacer's total is sent or <paramref name="stopping"/> fires; returns how many messages were sent.</summary>
    public async Task<long> RunAsync(CancellationToken stopping)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        long sent = 0;
        while (!pacer.IsFinished(sent) && !stopping.IsCancellationRequested)
        {
            for (var due = pacer.DueBy(time.GetElapsedTime(started)); sent < due; sent++)
            {
                var at = startedAt + pacer.DueAt(sent);
                var frame = schema == DeepStreamSchema.Full ? walk.NextObject(at) : walk.NextSensor(at);
                foreach (var message in DeepStreamMessageWriter.Write(frame, schema))
                {
                    sink.Publish(message);
                }
            }

            if (pacer.IsFinished(sent))
            {
                break;
            }

            try
            {
                await Task.Delay(pacer.WaitBeforeNext(sent, time.GetElapsedTime(started)), time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return sent;
    }
}
