using Platform.EdgeAgent.Live;
using Platform.Grains.Interfaces.Edge;

namespace Platform.UnitTests.EdgeAgent;

public sealed class LiveMirrorTests
{
    private static string Playlist(int mediaSequence, params string[] segments) =>
        $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:{mediaSequence}\n" +
        string.Concat(segments.Select(s => $"#EXT-X-PROGRAM-DATE-TIME:2026-12-07T10:00:00.000+0000\n#EXTINF:2.000000,\n{s}\n"));

    [Fact]
    public void Segments_the_playlist_names_go_up_first_then_the_playlist()
    {
        var mirror = new LiveMirror();

        var plan = mirror.Plan(Playlist(0, "seg-000000.ts", "seg-000001.ts"));

        Assert.Equal(["seg-000000.ts", "seg-000001.ts"], plan.Upload);
        Assert.True(plan.PublishPlaylist);
        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void After_a_roll_only_the_new_segment_goes_up_and_the_dropped_one_is_deleted()
    {
        var mirror = new LiveMirror();
        var first = Playlist(0, "seg-000000.ts", "seg-000001.ts");
        mirror.Uploaded("seg-000000.ts");
        mirror.Uploaded("seg-000001.ts");
        mirror.PlaylistPublished(first);

        var same = mirror.Plan(first);
        var rolled = mirror.Plan(Playlist(1, "seg-000001.ts", "seg-000002.ts"));

        Assert.Equal((0, false, 0), (same.Upload.Count, same.PublishPlaylist, same.Delete.Count));
        Assert.Equal(["seg-000002.ts"], rolled.Upload);
        Assert.True(rolled.PublishPlaylist);
        Assert.Equal(["seg-000000.ts"], rolled.Delete);
    }

    [Fact]
    public void Lines_that_are_not_our_segment_names_are_never_uploaded()
    {
        Assert.Equal(["seg-000007.ts"], LiveMirror.SegmentsOf(Playlist(7, "seg-000007.ts", "../../etc/passwd", "http://elsewhere/seg-000008.ts")));
    }

    [Theory]
    [InlineData("index.m3u8", true)]
    [InlineData("seg-000123.ts", true)]
    [InlineData("seg-123.ts", false)]
    [InlineData("seg-000123.ts.tmp", false)]
    [InlineData("../index.m3u8", false)]
    [InlineData("index.m3u8.tmp", false)]
    public void Only_the_playlist_and_segment_names_ffmpeg_writes_are_live_files(string file, bool live) =>
        Assert.Equal(live, LiveObjectKeys.IsLiveFile(file));
}
