using Platform.EdgeAgent.Clips;
using Platform.Grains.Interfaces.Ids;

namespace Platform.UnitTests.EdgeAgent;

public sealed class ClipKeysTests
{
    [Fact]
    public void Video_and_thumbnail_sit_side_by_side_under_camera_and_utc_date()
    {
        // 23:30 at UTC-5 is the next day in UTC: the key uses UTC.
        var start = new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal("clips/cam-1/2026/03/01/clip-abc.mp4", ClipKeys.Video(CameraId.From("cam-1"), ClipId.From("clip-abc"), start, "mp4"));
        Assert.Equal("clips/cam-1/2026/03/01/clip-abc.mkv", ClipKeys.Video(CameraId.From("cam-1"), ClipId.From("clip-abc"), start, "mkv"));
        Assert.Equal("clips/cam-1/2026/03/01/clip-abc.jpg", ClipKeys.Thumbnail(CameraId.From("cam-1"), ClipId.From("clip-abc"), start));
    }

    [Fact]
    public void Content_types_follow_the_container()
    {
        Assert.Equal("video/mp4", ClipKeys.ContentType("mp4"));
        Assert.Equal("video/x-matroska", ClipKeys.ContentType("mkv"));
    }

    [Fact]
    public void Clip_ids_are_deterministic_and_differ_by_camera_session_and_part()
    {
        var id = ClipIds.For("cam1", "s:abc", 1);

        Assert.Equal(id, ClipIds.For("cam1", "s:abc", 1));
        Assert.StartsWith("clip-", id.Value, StringComparison.Ordinal);
        Assert.Equal(29, id.Value.Length);
        Assert.NotEqual(id, ClipIds.For("cam2", "s:abc", 1));
        Assert.NotEqual(id, ClipIds.For("cam1", "s:abd", 1));
        Assert.NotEqual(id, ClipIds.For("cam1", "s:abc", 2));
    }
}
