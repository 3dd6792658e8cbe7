using System.Globalization;
using FFMpegCore;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Video;

/// <summary>
/// Every ffmpeg command line of the agent, built in this one place from plain values as FFMpegCore argument
/// builders (pure functions, unit-tested through <see cref="FFMpegArgumentProcessor.Arguments"/>), as Frigate keeps
/// its presets in one module. FFMpegCore quotes the inputs and outputs it is given; paths inside custom arguments
/// are quoted here (<see cref="Quote"/>). No preset passes <c>-nostdin</c>: FFMpegCore stops ffmpeg by writing
/// <c>q</c> to its standard input, which lets it finish the file it is writing.
/// </summary>
internal static class FfmpegArguments
{
    /// <summary>Segments are Matroska: no MPEG-TS start offset, millisecond times, a header in every file.</summary>
    public const string SegmentExtension = ".mkv";

    /// <summary>Socket timeout of the RTSP input: a silent source makes ffmpeg exit and be restarted.</summary>
    public static readonly TimeSpan RtspTimeout = TimeSpan.FromSeconds(10);

    // Global options; ffmpeg takes them anywhere, FFMpegCore 6 has no place of their own for them.
    private const string Quiet = "-hide_banner -loglevel error";

    /// <summary>File name pattern of one recorder run's segments, e.g. r000003-000017.mkv.</summary>
    public static string SegmentPattern(int run) => $"r{run.ToString("D6", CultureInfo.InvariantCulture)}-%06d{SegmentExtension}";

    /// <summary>The run's segment list (CSV: file,start,end with wall-clock seconds since the epoch).</summary>
    public static string SegmentListName(int run) => $"r{run.ToString("D6", CultureInfo.InvariantCulture)}.csv";

    /// <summary>
    /// The long-running cache recorder of one camera: reads the source (RTSP over TCP), copies the first video
    /// stream without re-encoding into keyframe-aligned segments, and appends each finished segment to a CSV list.
    /// Packet times are the wall clock at arrival (<c>-use_wallclock_as_timestamps</c>) and are kept absolute
    /// (<c>-copyts</c>), so the list's start/end columns are Unix times: the wall-clock position of every segment
    /// is known to the microsecond without guessing from file times. Each segment's own timestamps restart at
    /// zero (<c>-reset_timestamps</c>), which keeps them small and lets the concat demuxer join them cleanly.
    /// </summary>
    public static FFMpegArgumentProcessor Recorder(CameraOptions camera, string directory, int run)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var segmentList = Quote(Path.Combine(directory, SegmentListName(run)));
        return FFMpegArguments
            .FromUrlInput(SourceUrl.For(camera), o => o.WithCustomArgument(Quiet).WithCustomArgument(SourceInput(camera)))
            .OutputToFile(Path.Combine(directory, SegmentPattern(run)), overwrite: false, o => o
                .WithCustomArgument("-map 0:v:0")
                .CopyStreams()
                .WithCustomArgument(
                    $"-copyts -f segment -segment_time {Seconds(camera.SegmentSeconds)} -segment_format matroska " +
                    $"-reset_timestamps 1 -segment_list {segmentList} -segment_list_type csv"));
    }

    /// <summary>
    /// A camera's live view: a second reader of the source (cameras serve several RTSP clients; reading the cache
    /// instead would add a whole segment of delay) copied without re-encoding into an HLS playlist of short MPEG-TS
    /// segments. Segments cut at keyframes, so their length is the camera's GOP when that exceeds one second. The
    /// playlist keeps the last six, with the wall-clock time of each (program_date_time, from the arrival-time
    /// timestamps) for measuring glass-to-glass delay; older segment files are deleted, and each file appears only
    /// when complete (temp_file), so whatever the uploader sees is whole. Numbering starts at
    /// <paramref name="firstSegment"/>, so a restarted run never reuses a published segment's name.
    /// </summary>
    public static FFMpegArgumentProcessor Live(CameraOptions camera, string directory, int firstSegment)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var segments = Quote(Path.Combine(directory, LiveObjectKeys.SegmentPattern));
        return FFMpegArguments
            .FromUrlInput(SourceUrl.For(camera), o => o.WithCustomArgument(Quiet).WithCustomArgument(SourceInput(camera)))
            .OutputToFile(Path.Combine(directory, LiveObjectKeys.Playlist), overwrite: true, o => o
                .WithCustomArgument("-map 0:v:0")
                .CopyStreams()
                .WithCustomArgument(
                    $"-f hls -hls_time 1 -hls_list_size 6 -hls_segment_type mpegts -start_number {firstSegment.ToString(CultureInfo.InvariantCulture)} " +
                    $"-hls_flags delete_segments+program_date_time+independent_segments+temp_file -hls_segment_filename {segments}"));
    }

    /// <summary>
    /// Joins whole segments with the concat demuxer and stream copy: exact on the keyframe grid, no re-encoding
    /// (FFMpegCore writes the demuxer's list). When the window ends inside the last segment, the output stops at
    /// <paramref name="length"/> on the joined timeline, where the last segment's outpoint falls. MP4 gets its index
    /// up front (faststart) so a browser can play it before it has all of it.
    /// </summary>
    public static FFMpegArgumentProcessor Concat(IReadOnlyList<string> segmentPaths, TimeSpan? length, string outputPath, string container)
    {
        ArgumentNullException.ThrowIfNull(segmentPaths);
        var format = container switch
        {
            CameraOptions.Mp4 => "-f mp4",
            CameraOptions.Mkv => "-f matroska",
            _ => throw new ArgumentException($"Unknown container '{container}'.", nameof(container)),
        };
        return FFMpegArguments
            .FromConcatDemuxerInput(segmentPaths, o => o.WithCustomArgument(Quiet))
            .OutputToFile(outputPath, overwrite: true, o =>
            {
                o.WithCustomArgument("-map 0:v:0").CopyStreams();
                if (length is { } duration)
                {
                    o.WithCustomArgument($"-t {Seconds(duration.TotalSeconds)}");
                }

                if (container == CameraOptions.Mp4)
                {
                    o.WithFastStart();
                }

                o.WithCustomArgument(format);
            });
    }

    /// <summary>
    /// A JPEG of the keyframe at or before <paramref name="offset"/> into the input (the moment asked for), scaled to
    /// <paramref name="width"/>. Only that keyframe is decoded (no accurate seek): cheap, and it shows the moment
    /// to within one GOP. Not <c>FFMpeg.Snapshot</c>: it probes the input first (one more process) and seeks accurately.
    /// </summary>
    public static FFMpegArgumentProcessor Thumbnail(string inputPath, TimeSpan offset, string outputPath, int width = 640) =>
        FFMpegArguments
            .FromFileInput(inputPath, verifyExists: false, o => o
                .WithCustomArgument(Quiet)
                .WithCustomArgument($"-noaccurate_seek -ss {Seconds(Math.Max(0, offset.TotalSeconds))}"))
            .OutputToFile(outputPath, overwrite: true, o => o
                .WithFrameCount(1)
                .WithCustomArgument($"-vf scale={width.ToString(CultureInfo.InvariantCulture)}:-2")
                .WithVideoQualityScale(4)
                .WithCustomArgument("-f image2 -update 1"));

    /// <summary>How a camera's source is read: RTSP over TCP with a socket timeout; packet times are the wall clock at arrival.</summary>
    private static string SourceInput(CameraOptions camera) => camera.IsRtsp
        ? $"-rtsp_transport tcp -timeout {Micros(RtspTimeout)} -use_wallclock_as_timestamps 1"
        : "-use_wallclock_as_timestamps 1";

    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// A path as one argument of FFMpegCore's command line, which .NET splits by the Windows rules on every OS:
    /// in double quotes, a quote escaped, and backslashes doubled only where they precede a quote.
    /// </summary>
    public static string Quote(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var quoted = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in path)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            quoted.Append('\\', c == '"' ? 2 * backslashes + 1 : backslashes).Append(c);
            backslashes = 0;
        }

        return quoted.Append('\\', 2 * backslashes).Append('"').ToString();
    }

    private static string Micros(TimeSpan value) =>
        ((long)value.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
}
