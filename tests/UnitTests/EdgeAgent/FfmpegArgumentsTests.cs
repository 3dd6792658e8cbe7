using System.Diagnostics;
using FFMpegCore;
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
        var args = Split(FfmpegArguments.Recorder(Rtsp(), "/cache/cam1", 3));

        AssertPair(args, "-rtsp_transport", "tcp");
        AssertPair(args, "-timeout", "10000000");
        AssertPair(args, "-i", "rtsp://10.0.0.5:554/stream1");
        AssertPair(args, "-map", "0:v:0");
        AssertPair(args, "-c", "copy");
        Assert.DoesNotContain(args, a => a.StartsWith("-c:v", StringComparison.Ordinal) || a == "libx264" || a == "-vf");
        // Input options come before the input.
        Assert.True(args.IndexOf("-rtsp_transport") < args.IndexOf("-i"));
        Assert.True(args.IndexOf("-use_wallclock_as_timestamps") < args.IndexOf("-i"));
    }

    [Fact]
    public void Live_copies_the_rtsp_source_into_one_second_hls_segments_numbered_from_the_first_unpublished()
    {
        var args = Split(FfmpegArguments.Live(Rtsp(), "/cache/~live/cam1/abc", 17));

        AssertPair(args, "-rtsp_transport", "tcp");
        AssertPair(args, "-i", "rtsp://10.0.0.5:554/stream1");
        AssertPair(args, "-map", "0:v:0");
        AssertPair(args, "-c", "copy");
        AssertPair(args, "-f", "hls");
        AssertPair(args, "-hls_time", "1");
        AssertPair(args, "-start_number", "17");
        AssertPair(args, "-hls_segment_filename", "/cache/~live/cam1/abc/seg-%06d.ts");
        Assert.True(args.IndexOf("/cache/~live/cam1/abc/index.m3u8") > args.IndexOf("-hls_segment_filename"), "the playlist is the output");
        var flags = args[args.IndexOf("-hls_flags") + 1].Split('+');
        Assert.Contains("program_date_time", flags);
        Assert.Contains("temp_file", flags);
        Assert.Contains("delete_segments", flags);
        Assert.DoesNotContain(args, a => a == "libx264" || a == "-vf");
    }

    [Fact]
    public void Recorder_leaves_stdin_open_so_a_graceful_stop_finalises_the_last_segment() =>
        // FFMpegCore stops ffmpeg by writing 'q' to its stdin; with -nostdin it could only kill it mid-segment.
        Assert.DoesNotContain("-nostdin", Split(FfmpegArguments.Recorder(Rtsp(), "/cache/cam1", 3)));

    [Fact]
    public void Recorder_writes_wall_clock_segments_and_a_csv_list_per_run()
    {
        var args = Split(FfmpegArguments.Recorder(Rtsp(1.5), "/cache/cam1", 3));

        AssertPair(args, "-use_wallclock_as_timestamps", "1");
        Assert.Contains("-copyts", args);
        AssertPair(args, "-f", "segment");
        AssertPair(args, "-segment_time", "1.5");
        AssertPair(args, "-segment_format", "matroska");
        AssertPair(args, "-reset_timestamps", "1");
        AssertPair(args, "-segment_list", "/cache/cam1/r000003.csv");
        AssertPair(args, "-segment_list_type", "csv");
        // Never -y: a new run never overwrites what an earlier one recorded.
        Assert.Equal("/cache/cam1/r000003-%06d.mkv", args[^1]);
    }

    [Fact]
    public void Recorder_keeps_a_cache_path_with_spaces_as_one_argument()
    {
        var args = Split(FfmpegArguments.Recorder(Rtsp(), "/var/edge cache/cam1", 1));

        AssertPair(args, "-segment_list", "/var/edge cache/cam1/r000001.csv");
        Assert.Equal("/var/edge cache/cam1/r000001-%06d.mkv", args[^1]);
    }

    [Fact]
    public void Recorder_of_another_live_input_has_no_rtsp_options()
    {
        var camera = new CameraOptions { Id = "cam", Source = "udp://127.0.0.1:5000" };

        var args = Split(FfmpegArguments.Recorder(camera, "/c", 1));

        Assert.DoesNotContain("-rtsp_transport", args);
        Assert.DoesNotContain("-timeout", args);
        AssertPair(args, "-i", "udp://127.0.0.1:5000");
    }

    [Fact]
    public void Concat_to_mp4_uses_the_concat_demuxer_stream_copy_and_faststart()
    {
        var args = Split(FfmpegArguments.Concat(["/c/a.mkv", "/c/b.mkv"], null, "/w/clip.mp4", "mp4"));

        AssertPair(args, "-f", "concat");
        AssertPair(args, "-safe", "0");
        AssertPair(args, "-map", "0:v:0");
        AssertPair(args, "-c", "copy");
        AssertPair(args, "-movflags", "faststart");
        Assert.DoesNotContain("-t", args);
        Assert.Equal(["-f", "mp4", "/w/clip.mp4", "-y"], args.TakeLast(4));
    }

    [Fact]
    public void Concat_stops_at_the_joined_length_in_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var args = Split(FfmpegArguments.Concat(["/c/a.mkv", "/c/b.mkv"], TimeSpan.FromMilliseconds(3240), "/w/clip.mkv", "mkv"));

            AssertPair(args, "-t", "3.24");
            Assert.True(args.IndexOf("-t") > args.IndexOf("-i"), "an output option");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Concat_to_mkv_has_no_mp4_flags()
    {
        var args = Split(FfmpegArguments.Concat(["/c/a.mkv"], null, "/w/clip.mkv", "mkv"));

        Assert.DoesNotContain("-movflags", args);
        Assert.Equal(["-f", "matroska", "/w/clip.mkv", "-y"], args.TakeLast(4));
    }

    [Fact]
    public void Concat_rejects_an_unknown_container() =>
        Assert.Throws<ArgumentException>(() => FfmpegArguments.Concat(["/l"], null, "/o", "avi"));

    [Fact]
    public void Thumbnail_seeks_to_the_offset_in_invariant_culture_and_writes_one_jpeg_frame()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var args = Split(FfmpegArguments.Thumbnail("/w/clip.mp4", TimeSpan.FromMilliseconds(1250), "/w/clip.jpg", 320));

            AssertPair(args, "-ss", "1.25");
            AssertPair(args, "-frames:v", "1");
            Assert.Contains("-noaccurate_seek", args);
            AssertPair(args, "-vf", "scale=320:-2");
            Assert.True(args.IndexOf("-ss") < args.IndexOf("-i"), "input seek");
            Assert.Equal(["/w/clip.jpg", "-y"], args.TakeLast(2));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Thumbnail_never_seeks_before_the_start() =>
        AssertPair(Split(FfmpegArguments.Thumbnail("/i", TimeSpan.FromSeconds(-3), "/o")), "-ss", "0");

    [Theory]
    [InlineData("/plain/path.csv")]
    [InlineData("/with space/and \"quotes\".csv")]
    [InlineData(@"/back\slash\")]
    [InlineData(@"/back\""quote")]
    public async Task Quote_survives_the_command_line_split_as_one_argument(string path)
    {
        // The real split: .NET's own, as it starts ffmpeg for FFMpegCore. printf prints each argument on a line.
        var info = new ProcessStartInfo("printf", "%s\\n " + FfmpegArguments.Quote(path)) { RedirectStandardOutput = true };
        using var printf = Process.Start(info)!;
        var output = await printf.StandardOutput.ReadToEndAsync();
        await printf.WaitForExitAsync();

        Assert.Equal(path + "\n", output);
    }

    /// <summary>FFMpegCore's command line as arguments: split on spaces outside double quotes (test paths hold no quotes).</summary>
    private static List<string> Split(FFMpegArgumentProcessor job)
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in job.Arguments + " ")
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    args.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        return args;
    }

    private static void AssertPair(List<string> args, string option, string value)
    {
        var indexes = Enumerable.Range(0, args.Count - 1).Where(i => args[i] == option).ToList();
        Assert.True(indexes.Any(i => args[i + 1] == value),
            $"Expected '{option} {value}' in: {string.Join(' ', args)}");
    }
}
