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

    /// <summary>When the longest pause ended, from the meter's start, and how far the run had got then.</summary>
    public (TimeSpan EndedAt, long Applied) LongestPauseEnd { get; private set; }

    /// <summary>Every pause longer than 5 s: (from, to) since the meter's start, for the test output.</summary>
    public List<(TimeSpan From, TimeSpan To)> LongPauses { get; } = [];

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
                    if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(5))
                    {
                        LongPauses.Add((lastProgress, clock.Elapsed));
                    }

                    if (clock.Elapsed - lastProgress >= LongestPause)
                    {
                        LongestPauseEnd = (clock.Elapsed, now);
                    }

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
