using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Clips;

namespace Platform.UnitTests.EdgeAgent;

public sealed class ThumbnailSourceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    private static Segment Segment(string name, double start, double end) => new($"/c/{name}.mkv", At(start), At(end), 1000);

    [Fact]
    public void The_moment_is_found_in_the_segment_holding_it_at_its_offset()
    {
        List<Segment> cache = [Segment("s0", 0, 2), Segment("s1", 2, 4), Segment("s2", 4, 6)];

        var (segment, offset) = ThumbnailSource.Locate(cache, At(4.75))!.Value;

        Assert.Equal("/c/s2.mkv", segment.Path);
        Assert.Equal(TimeSpan.FromSeconds(0.75), offset);
    }

    [Fact]
    public void A_moment_on_a_boundary_is_shown_from_the_segment_ending_there()
    {
        List<Segment> cache = [Segment("s0", 0, 2), Segment("s1", 2, 4)];

        var (segment, offset) = ThumbnailSource.Locate(cache, At(2))!.Value;

        Assert.Equal("/c/s0.mkv", segment.Path);
        Assert.Equal(TimeSpan.FromSeconds(2), offset);
    }

    [Fact]
    public void A_moment_older_than_the_cache_shows_the_first_frame_of_the_oldest_segment()
    {
        List<Segment> cache = [Segment("s0", 10, 12), Segment("s1", 12, 14)];

        var (segment, offset) = ThumbnailSource.Locate(cache, At(3))!.Value;

        Assert.Equal("/c/s0.mkv", segment.Path);
        Assert.Equal(TimeSpan.Zero, offset);
    }

    [Fact]
    public void A_moment_while_the_camera_was_off_shows_the_first_frame_after_it()
    {
        List<Segment> cache = [Segment("s0", 0, 2), Segment("s1", 8, 10)];

        var (segment, offset) = ThumbnailSource.Locate(cache, At(5))!.Value;

        Assert.Equal("/c/s1.mkv", segment.Path);
        Assert.Equal(TimeSpan.Zero, offset);
    }

    [Fact]
    public void Nothing_is_found_while_no_segment_reaches_the_moment()
    {
        Assert.Null(ThumbnailSource.Locate([Segment("s0", 0, 2)], At(2.5)));
        Assert.Null(ThumbnailSource.Locate([], At(0)));
    }
}
