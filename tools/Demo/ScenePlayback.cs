using Platform.LocalPlatform;
using Platform.Messaging;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;

namespace Platform.Demo;

/// <summary>Plays each camera's scene over and over (a new take every minute), as its DeepStream device would report it.</summary>
internal sealed class ScenePlayback(string bootstrapServers, IReadOnlyList<string> cameraIds)
{
    private static readonly TimeSpan TakeInterval = TimeSpan.FromMinutes(1);

    public async Task RunAsync(Action<string> say, CancellationToken stopping)
    {
        using var sink = new KafkaDeepStreamSink(bootstrapServers, PlatformTopics.DeepStreamEvents);
        var player = new ScenePlayer(sink, TimeProvider.System);
        for (var take = 1; !stopping.IsCancellationRequested; take++)
        {
            var start = DateTimeOffset.UtcNow;
            var scripts = cameraIds.Select(camera => DemoSeed.Script(cameraIds, camera, start)).ToList();
            say($"take {take}: {string.Join(", ", scripts.Select(s => $"{s.Scene} on {s.Camera.CameraId}"))}");
            await Task.WhenAll(scripts.Select(script => player.PlayAsync(script, DeepStreamSchema.Full, stopping)));
            sink.Flush(TimeSpan.FromSeconds(5));
            try
            {
                await Task.Delay(start + TakeInterval - DateTimeOffset.UtcNow is { Ticks: > 0 } rest ? rest : TimeSpan.Zero, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
