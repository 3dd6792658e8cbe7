using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Configuration;

namespace Platform.UnitTests.EdgeAgent;

public sealed class RecorderChangesTests
{
    private static CameraOptions Running() => new() { Id = "yard", Source = "rtsp://10.0.0.5/a", Username = "u", Password = "p" };

    [Fact]
    public void The_same_configuration_changes_nothing() => Assert.Equal(RecorderChange.None, RecorderChanges.Between(Running(), Running()));

    [Theory]
    [InlineData("source")]
    [InlineData("username")]
    [InlineData("password")]
    [InlineData("segment")]
    public void What_ffmpeg_is_started_with_needs_a_restart(string field)
    {
        var desired = Running();
        switch (field)
        {
            case "source": desired.Source = "rtsp://10.0.0.6/a"; break;
            case "username": desired.Username = "v"; break;
            case "password": desired.Password = "q"; break;
            default: desired.SegmentSeconds = 4; break;
        }

        Assert.Equal(RecorderChange.Restart, RecorderChanges.Between(Running(), desired));
    }

    [Theory]
    [InlineData("cache-seconds")]
    [InlineData("cache-bytes")]
    [InlineData("continuous")]
    [InlineData("container")]
    [InlineData("sensor")]
    public void What_the_agent_reads_between_segments_changes_in_place(string field)
    {
        var desired = Running();
        switch (field)
        {
            case "cache-seconds": desired.CacheSeconds = 120; break;
            case "cache-bytes": desired.MaxCacheBytes = 2L * 1024 * 1024 * 1024; break;
            case "continuous": desired.Continuous = true; break;
            case "container": desired.Container = CameraOptions.Mkv; break;
            default: desired.SensorIds.Add("yard-sensor"); break;
        }

        Assert.Equal(RecorderChange.InPlace, RecorderChanges.Between(Running(), desired));
    }
}
