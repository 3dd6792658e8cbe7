using System.Diagnostics;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// Samples a silo run's progress (records committed) against the grain topic's end every 100 ms and keeps the longest
/// stretch in which work was waiting and nothing was committed: the longest pause in processing.
/// </summary>
internal sealed class ProcessingPauseMeter : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    public ProcessingPauseMeter(string database, string bootstrapServers, string eventsTopic) =>
        sampling = Task.Run(() => SampleAsync(database, bootstrapServers, eventsTopic));

    public TimeSpan LongestPause { get; private set; }

    public long Samples { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task SampleAsync(string database, string bootstrapServers, string eventsTopic)
    {
        var clock = Stopwatch.StartNew();
        var lastProgress = clock.Elapsed;
        var applied = -1L;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var now = await SiloProgress.AppliedAsync(database, eventsTopic);
                var end = TopicDump.Ends(bootstrapServers, eventsTopic).Values.Sum();
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
