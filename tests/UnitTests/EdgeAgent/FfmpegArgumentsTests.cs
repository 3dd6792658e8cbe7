using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Video;

namespace Platform.UnitTests.EdgeAgent;

public sealed class FfmpegArgumentsTests
{
    private static CameraOptions Rtsp(double segmentSeconds = 2) =>
        new() { Id = "cam1", Source = "rtsp://10.0.0.5:554/stream1", SegmentSeconds = segmentSeconds };

    [Fact]
    public void Recorder_reads_rtsp_over_tcp_and_copies_the_first_video_stream_without_reencoding()
    {
        var args = FfmpegArguments.Recorder(Rtsp(), "/cache/cam1", 3);

        AssertPair(args, "-rtsp_transport", "tcp");
        AssertPair(args, "-timeout", "10000000");
        AssertPair(args, "-i", "rtsp://10.0.0.5:554/stream1");
        AssertPair(args, "-map", "0:v:0");
        AssertPair(args, "-c", "copy");
        Assert.DoesNotContain(args, a => a.StartsWith("-c:v", StringComparison.Ordinal) || a == "libx264" || a == "-vf");
        // Input options come before the input.
        Assert.True(args.ToList().IndexOf("-rtsp_transport") < args.ToList().IndexOf("-i"));
        Assert.True(args.ToList().IndexOf("-use_wallclock_as_timestamps") < args.ToList().IndexOf("-i"));
    }

    [Fact]
    public void Recorder_writes_wall_clock_segments_and_a_csv_list_per_run()
    {
        var args = FfmpegArguments.Recorder(Rtsp(1.5), "/cache/cam1", 3);

        AssertPair(args, "-use_wallclock_as_timestamps", "1");
        Assert.Contains("-copyts", args);
        AssertPair(args, "-f", "segment");
        AssertPair(args, "-segment_time", "1.5");
        AssertPair(args, "-segment_format", "matroska");
        AssertPair(args, "-reset_timestamps", "1");
        AssertPair(args, "-segment_list", "/cache/cam1/r000003.csv");
        AssertPair(args, "-segment_list_type", "csv");
        Assert.Equal("/cache/cam1/r000003-%06d.mkv", args[^1]);
    }

    [Fact]
    public void Recorder_of_another_live_input_has_no_rtsp_options()
    {
        var camera = new CameraOptions { Id = "cam", Source = "udp://127.0.0.1:5000" };

        var args = FfmpegArguments.Recorder(camera, "/c", 1);

        Assert.DoesNotContain("-rtsp_transport", args);
        Assert.DoesNotContain("-timeout", args);
        AssertPair(args, "-i", "udp://127.0.0.1:5000");
    }

    [Fact]
    public void Concat_to_mp4_uses_the_concat_demuxer_stream_copy_and_faststart()
    {
        var args = FfmpegArguments.Concat("/w/list.txt", "/w/clip.mp4", "mp4");

        AssertPair(args, "-f", "concat");
        AssertPair(args, "-safe", "0");
        AssertPair(args, "-i", "/w/list.txt");
        AssertPair(args, "-c", "copy");
        AssertPair(args, "-movflags", "+faststart");
        Assert.Equal(["-f", "mp4", "-y", "/w/clip.mp4"], args.TakeLast(4));
    }

    [Fact]
    public void Concat_to_mkv_has_no_mp4_flags()
    {
        var args = FfmpegArguments.Concat("/w/list.txt", "/w/clip.mkv", "mkv");

        Assert.DoesNotContain("-movflags", args);
        Assert.Equal(["-f", "matroska", "-y", "/w/clip.mkv"], args.TakeLast(4));
    }

    [Fact]
    public void Concat_rejects_an_unknown_container() =>
        Assert.Throws<ArgumentException>(() => FfmpegArguments.Concat("/l", "/o", "avi"));

    [Fact]
    public void Concat_list_quotes_paths_and_escapes_single_quotes()
    {
        var list = FfmpegArguments.ConcatList(["/c/a.mkv", "/c/it's.mkv"]);

        Assert.Equal("ffconcat version 1.0\nfile '/c/a.mkv'\nfile '/c/it'\\''s.mkv'\n", list);
    }

    [Fact]
    public void Concat_list_cuts_the_last_segment_at_its_outpoint() =>
        Assert.EndsWith("file '/c/b.mkv'\noutpoint 1.24\n", FfmpegArguments.ConcatList(["/c/a.mkv", "/c/b.mkv"], TimeSpan.FromMilliseconds(1240)), StringComparison.Ordinal);

    [Fact]
    public void Thumbnail_seeks_to_the_offset_in_invariant_culture_and_writes_one_jpeg_frame()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var args = FfmpegArguments.Thumbnail("/w/clip.mp4", TimeSpan.FromMilliseconds(1250), "/w/clip.jpg", 320);

            AssertPair(args, "-ss", "1.25");
            AssertPair(args, "-frames:v", "1");
            Assert.Contains("-noaccurate_seek", args);
            AssertPair(args, "-vf", "scale=320:-2");
            Assert.True(args.ToList().IndexOf("-ss") < args.ToList().IndexOf("-i"), "input seek");
            Assert.Equal("/w/clip.jpg", args[^1]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Thumbnail_never_seeks_before_the_start() =>
        AssertPair(FfmpegArguments.Thumbnail("/i", TimeSpan.FromSeconds(-3), "/o"), "-ss", "0");

    [Fact]
    public void Probe_asks_for_duration_and_size_as_json()
    {
        var args = FfmpegArguments.Probe("/w/clip.mp4");

        AssertPair(args, "-show_entries", "format=duration,size:stream=codec_name,width,height");
        AssertPair(args, "-of", "json");
        Assert.Equal("/w/clip.mp4", args[^1]);
    }

    private static void AssertPair(IReadOnlyList<string> args, string option, string value)
    {
        var indexes = Enumerable.Range(0, args.Count - 1).Where(i => args[i] == option).ToList();
        Assert.True(indexes.Any(i => args[i + 1] == value),
            $"Expected '{option} {value}' in: {string.Join(' ', args)}");
    }
}
