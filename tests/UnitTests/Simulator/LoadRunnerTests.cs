using Microsoft.Extensions.Time.Testing;
using Platform.Simulator.Load;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;

namespace Platform.UnitTests.Simulator;

public sealed class LoadRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_timed_run_sends_exactly_rate_times_duration_messages_stamped_at_their_due_times()
    {
        var clock = new FakeTimeProvider(T0);
        var sink = new RecordingSink();
        var runner = new LoadRunner(new RandomWalk(["s1", "s2"], 2, 5), DeepStreamSchema.Full, new RatePacer(20, TimeSpan.FromSeconds(3)), sink, clock);

        var run = runner.RunAsync(CancellationToken.None);
        // Only the fake clock moves the runner on; the first message is due at once.
        Assert.Single(sink.Messages);
        for (var step = 0; step < 400 && !run.IsCompleted; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.WhenAny(run, Task.Delay(5));
        }

        Assert.Equal(60, await run);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => T0 + TimeSpan.FromMilliseconds(50 * i)), sink.Messages.Select(m => m.Timestamp));
        Assert.Equal(["s1", "s1", "s2", "s2"], sink.Messages.Take(4).Select(m => m.SensorId));
    }

    [Fact]
    public async Task An_open_ended_run_stops_when_cancelled()
    {
        var clock = new FakeTimeProvider(T0);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        var run = new LoadRunner(new RandomWalk(["s1"], 1, 5), DeepStreamSchema.Minimal, new RatePacer(10, null), sink, clock).RunAsync(stop.Token);

        await stop.CancelAsync();

        Assert.Equal(1, await run);
    }

    private sealed class RecordingSink : IDeepStreamSink
    {
        private readonly List<DeepStreamMessage> messages = [];

        public IReadOnlyList<DeepStreamMessage> Messages
        {
            get
            {
                lock (messages)
                {
                    return [.. messages];
                }
            }
        }

        public void Publish(DeepStreamMessage message)
        {
            lock (messages)
            {
                messages.Add(message);
            }
        }
    }
}
