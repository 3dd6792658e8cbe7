using Platform.EdgeAgent.Cache;

namespace Platform.UnitTests.EdgeAgent;

public sealed class SegmentListParserTests
{
    [Fact]
    public void Reads_file_and_wall_clock_times_with_microseconds()
    {
        Assert.True(SegmentListParser.TryParse("r000001-000003.mkv,1795323761.744400,1795323763.744233", out var file, out var start, out var end));

        Assert.Equal("r000001-000003.mkv", file);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795323761744).AddTicks(4000), start);
        Assert.Equal(1.999833, (end - start).TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("seg.mkv")]
    [InlineData("seg.mkv,1.0")]
    [InlineData("seg.mkv,abc,2.0")]
    [InlineData("seg.mkv,3.0,2.0")]
    [InlineData(",1.0,2.0")]
    public void Rejects_incomplete_or_inconsistent_lines(string line) =>
        Assert.False(SegmentListParser.TryParse(line, out _, out _, out _));
}
