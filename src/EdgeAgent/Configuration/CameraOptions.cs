namespace Platform.EdgeAgent.Configuration;

/// <summary>One camera of the agent (an entry of <c>EdgeAgent:Cameras</c>).</summary>
public sealed class CameraOptions
{
    public const string Mp4 = "mp4";
    public const string Mkv = "mkv";

    /// <summary>The platform's camera id; also a directory and an S3 key segment, so letters, digits, '.', '_', '-'.</summary>
    public string Id { get; set; } = "";

    /// <summary>
    /// rtsp://… (read over TCP) or any other live ffmpeg input (udp://…, srt://…). Segment times are the wall clock
    /// at arrival, so the input must be live: a file would be read faster than real time.
    /// </summary>
    public string Source { get; set; } = "";

    /// <summary>RTSP user name, when the camera asks for one; kept out of <see cref="Source"/> so that it can be masked.</summary>
    public string? Username { get; set; }

    /// <summary>RTSP password; never logged or reported (errors show the source with it masked).</summary>
    public string? Password { get; set; }

    /// <summary>Upload every closed segment to S3 through the spool (continuous recording), not only event clips. Default off.</summary>
    public bool Continuous { get; set; }

    /// <summary>Clip container: mp4 (default, with faststart) or mkv.</summary>
    public string Container { get; set; } = Mp4;

    /// <summary>How far back the cache reaches. Default 30 s.</summary>
    public double CacheSeconds { get; set; } = 30;

    /// <summary>Target segment length; segments are cut on the first keyframe after it. Default 2 s.</summary>
    public double SegmentSeconds { get; set; } = 2;

    /// <summary>Byte bound of this camera's cache; the oldest segments go first. Default 1 GiB.</summary>
    public long MaxCacheBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>DeepStream <c>sensor.id</c> values that name this camera (its own id always does).</summary>
    public IList<string> SensorIds { get; } = [];

    public bool IsRtsp =>
        Source.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) ||
        Source.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase);

    public TimeSpan CacheWindow => TimeSpan.FromSeconds(CacheSeconds);

    public TimeSpan SegmentLength => TimeSpan.FromSeconds(SegmentSeconds);
}
