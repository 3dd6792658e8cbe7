using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.UnitTests.EdgeAgent.Continuous;

public sealed class ContinuousObjectKeysTests
{
    private static readonly CameraId Camera = CameraId.From("cam-1");

    [Fact]
    public void Key_is_laid_out_by_the_utc_hour_of_the_start_with_both_times_in_milliseconds()
    {
        var start = new DateTimeOffset(2026, 12, 7, 23, 59, 59, 500, TimeSpan.FromHours(2));
        var key = ContinuousObjectKeys.Key(Camera, start, start.AddSeconds(2));

        Assert.Equal($"continuous/cam-1/2026/12/07/21/{start.ToUnixTimeMilliseconds()}-{start.AddSeconds(2).ToUnixTimeMilliseconds()}.mkv", key);
    }

    [Fact]
    public void A_key_reads_back_to_its_camera_and_times()
    {
        var start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var end = start.AddMilliseconds(2_040);

        Assert.True(ContinuousObjectKeys.TryParse(ContinuousObjectKeys.Key(Camera, start, end), out var camera, out var readStart, out var readEnd));
        Assert.Equal((Camera, start, end), (camera, readStart, readEnd));
    }

    [Theory]
    [InlineData("continuous/cam-1/2026/01/02/04/1767323045678-1767323047718.mkv")] // folders disagree with the start
    [InlineData("continuous/cam-1/2026/01/02/03/1767323047718-1767323045678.mkv")] // end before start
    [InlineData("clips/cam-1/2026/01/02/03/1767323045678-1767323047718.mkv")]
    [InlineData("continuous/../2026/01/02/03/1767323045678-1767323047718.mkv")]
    [InlineData("")]
    public void Keys_not_made_here_do_not_parse(string key) =>
        Assert.False(ContinuousObjectKeys.TryParse(key, out _, out _, out _));
}
