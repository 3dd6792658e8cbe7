using Microsoft.Extensions.Time.Testing;
using Platform.EdgeAgent;
using Platform.EdgeAgent.Telemetry;

namespace Platform.UnitTests.EdgeAgent;

public sealed class BackoffAndThrottleTests
{
    [Fact]
    public void Backoff_doubles_from_the_initial_delay_up_to_the_cap()
    {
        var delays = Enumerable.Range(1, 7).Select(a => Backoff.Delay(a, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays);
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Delay(10_000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Throttle_lets_one_line_per_key_per_interval_through_and_counts_the_rest()
    {
        var time = new FakeTimeProvider();
        var throttle = new LogThrottle(time, TimeSpan.FromSeconds(10));

        Assert.True(throttle.ShouldLog("not-json", out _));
        Assert.False(throttle.ShouldLog("not-json", out _));
        Assert.False(throttle.ShouldLog("not-json", out _));
        Assert.True(throttle.ShouldLog("too-long", out _));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(throttle.ShouldLog("not-json", out var suppressed));
        Assert.Equal(2, suppressed);
    }
}
