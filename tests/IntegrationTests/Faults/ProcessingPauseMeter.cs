using System.Diagnostics;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// Samples a silo run's progress (device records checkpointed) against the device topic's end every 100 ms and keeps
/// the longest stretch in which work was waiting and nothing was checkpointed: the longest pause in processing.
/// </summary>
internal sealed class ProcessingPauseMeter : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    public ProcessingPauseMeter(string database, string bootstrapServers, string deviceTopic) =>
        sampling = Task.Run(() => SampleAsync(database, bootstrapServers, deviceTopic));

    public TimeSpan LongestPause { get; private set; }

    public long Samples { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task SampleAsync(string database, string bootstrapServers, string deviceTopic)
    {
        var clock = Stopwatch.StartNew();
        var lastProgress = clock.Elapsed;
        var applied = -1L;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var now = await SiloProgress.AppliedAsync(database, deviceTopic);
                var end = TopicDump.Ends(bootstrapServers, deviceTopic).Values.Sum();
                if (now != applied || now >= end)
                {
                    applied = now;
                    lastProgress = clock.Elapsed;
                }

                LongestPause = clock.Elapsed - lastProgress > LongestPause ? clock.Elapsed - lastProgress : LongestPause;
                Samples++;
                await Task.Delay(TimeSpan.FromMilliseconds(100), stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
