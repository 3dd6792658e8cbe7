using Platform.EdgeAgent.Cache;

namespace Platform.UnitTests.EdgeAgent;

public sealed class RetentionPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> None = [];

    private static List<Segment> Cache(int count, long bytes = 100) =>
        [.. Enumerable.Range(0, count).Select(i => new Segment($"s{i}", T0.AddSeconds(2 * i), T0.AddSeconds(2 * i + 2), bytes))];

    [Fact]
    public void Segments_that_ended_before_the_window_go()
    {
        // 10 segments up to T0+20 s, now T0+20 s, window 10 s: those ending before T0+10 s go.
        var expired = RetentionPolicy.Expired(Cache(10), T0.AddSeconds(20), TimeSpan.FromSeconds(10), long.MaxValue, null, None);

        Assert.Equal(["s0", "s1", "s2", "s3"], expired.Select(s => s.Path));
    }

    [Fact]
    public void An_open_session_keeps_the_segments_it_needs()
    {
        var expired = RetentionPolicy.Expired(Cache(10), T0.AddSeconds(20), TimeSpan.FromSeconds(10), long.MaxValue,
            keepFrom: T0.AddSeconds(3), None);

        Assert.Equal(["s0"], expired.Select(s => s.Path));
    }

    [Fact]
    public void Segments_being_cut_are_never_deleted()
    {
        var expired = RetentionPolicy.Expired(Cache(10), T0.AddSeconds(20), TimeSpan.FromSeconds(10), long.MaxValue, null,
            new HashSet<string> { "s1" });

        Assert.Equal(["s0", "s2", "s3"], expired.Select(s => s.Path));
    }

    [Fact]
    public void The_byte_bound_removes_the_oldest_even_inside_the_window_and_against_sessions()
    {
        var expired = RetentionPolicy.Expired(Cache(10, bytes: 100), T0.AddSeconds(20), TimeSpan.FromHours(1), maxBytes: 750,
            keepFrom: T0, None);

        Assert.Equal(["s0", "s1", "s2"], expired.Select(s => s.Path));
    }

    [Fact]
    public void Nothing_goes_while_inside_both_bounds() =>
        Assert.Empty(RetentionPolicy.Expired(Cache(5), T0.AddSeconds(10), TimeSpan.FromSeconds(30), 10_000, null, None));
}
