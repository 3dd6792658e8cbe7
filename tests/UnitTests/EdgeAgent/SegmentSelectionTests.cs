using Platform.EdgeAgent.Cache;

namespace Platform.UnitTests.EdgeAgent;

public sealed class SegmentSelectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Segments of 2 s from T0 (10 of them: T0 .. T0+20 s).</summary>
    private static List<Segment> Cache(int count = 10, double seconds = 2) =>
        [.. Enumerable.Range(0, count).Select(i => new Segment($"/c/s{i}.mkv", At(i * seconds), At((i + 1) * seconds), 1000))];

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void Window_is_rounded_outward_to_whole_segments()
    {
        var result = SegmentSelection.Select(Cache(), At(5), At(11))!;

        Assert.Equal(["/c/s2.mkv", "/c/s3.mkv", "/c/s4.mkv", "/c/s5.mkv"], result.Segments.Select(s => s.Path));
        Assert.Equal(At(4), result.ActualStart);
        // The last segment is cut short at the requested end.
        Assert.Equal(At(11), result.ActualEnd);
        Assert.Equal(TimeSpan.FromSeconds(1), result.LastOutpoint);
        Assert.False(result.StartClipped);
        Assert.False(result.EndShort);
    }

    [Fact]
    public void Joined_clip_stops_at_the_last_outpoint_after_the_whole_segments_before_it_without_the_gaps()
    {
        // 2 s segments with a 50 ms rounding gap before the third: the concat demuxer joins them end to end.
        List<Segment> cache =
        [
            new("/c/a.mkv", At(0), At(2), 1000),
            new("/c/b.mkv", At(2), At(4), 1000),
            new("/c/c.mkv", At(4.05), At(6.05), 1000),
        ];

        var result = SegmentSelection.Select(cache, At(1), At(5.05))!;

        Assert.Equal(TimeSpan.FromSeconds(1), result.LastOutpoint);
        Assert.Equal(TimeSpan.FromSeconds(5), result.JoinedLength);
        Assert.Null(SegmentSelection.Select(cache, At(1), At(6.05))!.JoinedLength);
    }

    [Fact]
    public void Clip_starts_at_the_keyframe_at_or_before_start_never_after()
    {
        foreach (var start in new[] { 4.0, 4.001, 5.999 })
        {
            var result = SegmentSelection.Select(Cache(), At(start), At(start + 3))!;
            Assert.True(result.ActualStart <= At(start));
            Assert.Equal(At(4), result.ActualStart);
        }
    }

    [Fact]
    public void Window_on_segment_boundaries_takes_exactly_those_segments()
    {
        var result = SegmentSelection.Select(Cache(), At(4), At(8))!;

        Assert.Equal(["/c/s2.mkv", "/c/s3.mkv"], result.Segments.Select(s => s.Path));
        Assert.Null(result.LastOutpoint);
        Assert.Equal(At(8), result.ActualEnd);
    }

    [Fact]
    public void A_start_older_than_the_cache_is_clipped_to_the_oldest_segment()
    {
        var result = SegmentSelection.Select(Cache(), At(-30), At(3))!;

        Assert.Equal(At(0), result.ActualStart);
        Assert.True(result.StartClipped);
        Assert.True(result.StartBeforeCache);
        Assert.Equal(["/c/s0.mkv", "/c/s1.mkv"], result.Segments.Select(s => s.Path));
    }

    [Fact]
    public void A_start_inside_an_outage_gap_starts_at_the_first_segment_after_it()
    {
        var cache = Cache(3);
        cache.AddRange([new Segment("/c/late.mkv", At(30), At(32), 1000)]);

        var result = SegmentSelection.Select(cache, At(20), At(31))!;

        Assert.Equal(["/c/late.mkv"], result.Segments.Select(s => s.Path));
        Assert.True(result.StartClipped);
        Assert.False(result.StartBeforeCache);
    }

    [Fact]
    public void A_rounding_gap_between_segments_does_not_skip_the_segment_before_it()
    {
        List<Segment> cache =
        [
            new("/c/a.mkv", At(0), At(1.9999), 1),
            new("/c/b.mkv", At(2.0001), At(4), 1),
        ];

        var result = SegmentSelection.Select(cache, At(2), At(3))!;

        Assert.Equal(At(0), result.ActualStart);
    }

    [Fact]
    public void An_end_beyond_the_cache_is_reported_short()
    {
        var result = SegmentSelection.Select(Cache(), At(15), At(25))!;

        Assert.True(result.EndShort);
        Assert.Equal(At(20), result.ActualEnd);
    }

    [Fact]
    public void No_overlap_gives_no_selection()
    {
        Assert.Null(SegmentSelection.Select(Cache(), At(40), At(50)));
        Assert.Null(SegmentSelection.Select([], At(0), At(5)));
        Assert.Null(SegmentSelection.Select(Cache(), At(5), At(5)));
    }
}
