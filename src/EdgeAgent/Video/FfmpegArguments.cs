using System.Globalization;
using System.Text;
using Platform.EdgeAgent.Configuration;

namespace Platform.EdgeAgent.Video;

/// <summary>
/// Every ffmpeg and ffprobe command line of the agent, built in this one place from plain values (pure
/// functions, unit-tested), as Frigate keeps its presets in one module.
/// </summary>
internal static class FfmpegArguments
{
    /// <summary>Segments are Matroska: no MPEG-TS start offset, millisecond times, a header in every file.</summary>
    public const string SegmentExtension = ".mkv";

    /// <summary>Socket timeout of the RTSP input: a silent source makes ffmpeg exit and be restarted.</summary>
    public static readonly TimeSpan RtspTimeout = TimeSpan.FromSeconds(10);

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
    public static IReadOnlyList<string> Recorder(CameraOptions camera, string directory, int run)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error" };
        if (camera.IsRtsp)
        {
            arguments.AddRange(["-rtsp_transport", "tcp", "-timeout", Micros(RtspTimeout)]);
        }

        arguments.AddRange(
        [
            "-use_wallclock_as_timestamps", "1",
            "-i", camera.Source,
            "-map", "0:v:0",
            "-c", "copy",
            "-copyts",
            "-f", "segment",
            "-segment_time", Seconds(camera.SegmentSeconds),
            "-segment_format", "matroska",
            "-reset_timestamps", "1",
            "-segment_list", Path.Combine(directory, SegmentListName(run)),
            "-segment_list_type", "csv",
            Path.Combine(directory, SegmentPattern(run)),
        ]);
        return arguments;
    }

    /// <summary>
    /// Joins whole segments (listed in <paramref name="listPath"/>, see <see cref="ConcatList"/>) with the concat
    /// demuxer and stream copy: exact on the keyframe grid, no re-encoding. MP4 gets its index up front
    /// (<c>+faststart</c>) so a browser can play it before it has all of it.
    /// </summary>
    public static IReadOnlyList<string> Concat(string listPath, string outputPath, string container)
    {
        var arguments = new List<string>
        {
            "-nostdin", "-hide_banner", "-loglevel", "error",
            "-f", "concat", "-safe", "0", "-i", listPath,
            "-map", "0:v:0", "-c", "copy",
        };
        arguments.AddRange(container switch
        {
            CameraOptions.Mp4 => ["-movflags", "+faststart", "-f", "mp4"],
            CameraOptions.Mkv => ["-f", "matroska"],
            _ => throw new ArgumentException($"Unknown container '{container}'.", nameof(container)),
        });
        arguments.AddRange(["-y", outputPath]);
        return arguments;
    }

    /// <summary>
    /// The concat demuxer's list for <paramref name="segmentPaths"/>, with paths quoted as it requires; the last
    /// file stops at <paramref name="lastOutpoint"/> when given (each segment's timestamps start at zero).
    /// </summary>
    public static string ConcatList(IReadOnlyList<string> segmentPaths, TimeSpan? lastOutpoint = null)
    {
        ArgumentNullException.ThrowIfNull(segmentPaths);
        var text = new StringBuilder("ffconcat version 1.0\n");
        foreach (var path in segmentPaths)
        {
            // Inside single quotes only the quote itself needs care: close, escaped quote, reopen.
            text.Append("file '").Append(path.Replace("'", @"'\''", StringComparison.Ordinal)).Append("'\n");
        }

        if (lastOutpoint is { } outpoint && segmentPaths.Count > 0)
        {
            text.Append("outpoint ").Append(Seconds(outpoint.TotalSeconds)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// A JPEG of the keyframe at or before <paramref name="offset"/> into the input (the moment asked for), scaled to
    /// <paramref name="width"/>. Only that keyframe is decoded (no accurate seek): cheap, and it shows the moment
    /// to within one GOP.
    /// </summary>
    public static IReadOnlyList<string> Thumbnail(string inputPath, TimeSpan offset, string outputPath, int width = 640) =>
    [
        "-nostdin", "-hide_banner", "-loglevel", "error",
        "-noaccurate_seek",
        "-ss", Seconds(Math.Max(0, offset.TotalSeconds)),
        "-i", inputPath,
        "-frames:v", "1",
        "-vf", $"scale={width.ToString(CultureInfo.InvariantCulture)}:-2",
        "-q:v", "4",
        "-f", "image2", "-update", "1",
        "-y", outputPath,
    ];

    /// <summary>ffprobe's JSON with the container's duration and size and the first video stream's codec and size.</summary>
    public static IReadOnlyList<string> Probe(string path) =>
    [
        "-v", "error",
        "-select_streams", "v:0",
        "-show_entries", "format=duration,size:stream=codec_name,width,height",
        "-of", "json",
        path,
    ];

    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Micros(TimeSpan value) =>
        ((long)value.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
}
