namespace Platform.EdgeAgent.Configuration;

/// <summary>
/// The agent itself (section <c>EdgeAgent</c>): who it is, where it keeps video on disk, how big the spool may
/// grow, and its cameras. S3 and Kafka have their own sections (<see cref="S3Options"/>, <see cref="KafkaOptions"/>).
/// </summary>
public sealed class EdgeAgentOptions
{
    public const string SectionName = "EdgeAgent";

    /// <summary>Unique per agent: names its consumer group and its heartbeats. Required.</summary>
    public string AgentId { get; set; } = "";

    /// <summary>The site the agent runs at, reported in heartbeats. Optional.</summary>
    public string? Site { get; set; }

    /// <summary>Segment cache root; one subdirectory per camera. Required.</summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>Upload spool root: finished clips wait here until uploaded and announced. Required.</summary>
    public string SpoolDirectory { get; set; } = "";

    /// <summary>Most clips the spool holds; beyond it the oldest is evicted (logged, counted). Default 500.</summary>
    public int SpoolMaxClips { get; set; } = 500;

    /// <summary>Most bytes the spool holds; beyond it the oldest is evicted. Default 10 GiB.</summary>
    public long SpoolMaxBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// Most continuous-recording segments waiting for upload (all cameras); beyond it the oldest is evicted (logged,
    /// counted). A bound of its own, apart from the clips': an S3 outage fills it with hundreds of 2-second segments,
    /// which must not push event clips out. Default 10,000 (about 5.5 h of one camera's 2 s segments).
    /// </summary>
    public int ContinuousSpoolMaxSegments { get; set; } = 10_000;

    /// <summary>Most bytes of continuous-recording segments waiting for upload. Default 5 GiB.</summary>
    public long ContinuousSpoolMaxBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Segments uploaded at once (a backlog after an outage drains faster than one PUT at a time). Default 2.</summary>
    public int ContinuousUploadParallelism { get; set; } = 2;

    /// <summary>How often a heartbeat goes to the status topic. Default 10 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest clip a command may ask for; longer ones are bad commands. Default 1 h.</summary>
    public TimeSpan MaxClipLength { get; set; } = TimeSpan.FromHours(1);

    /// <summary>First wait before retrying a failed upload or announcement; doubles up to <see cref="RetryMaxDelay"/>. Default 1 s.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before restarting a recorder (ffmpeg) that exited; doubles up to <see cref="RestartMaxDelay"/>. Default 1 s.</summary>
    public TimeSpan RestartInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Default 30 s.</summary>
    public TimeSpan RestartMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most one log line per bad-command reason per interval (all are counted). Default 10 s.</summary>
    public TimeSpan BadCommandLogInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long command ids (and contents of commands without one) are remembered for dedupe. Default 1 h.</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The folder holding the <c>ffmpeg</c> and <c>ffprobe</c> that FFMpegCore runs (its <c>BinaryFolder</c>).
    /// Default empty: both are found on PATH (/usr/bin from Debian's ffmpeg package).
    /// </summary>
    public string FfmpegBinaryFolder { get; set; } = "";

    /// <summary>
    /// The agent's config key (base64 of 32 bytes), given once when the agent is registered in the cloud. When set,
    /// the agent is managed: it follows its desired cameras on edge.config and opens their sealed RTSP passwords with
    /// this key. A secret: never logged. Default empty (standalone: only <see cref="Cameras"/>).
    /// </summary>
    public string? ConfigKey { get; set; }

    /// <summary>True when <see cref="ConfigKey"/> is set: the cloud's edge.config adds to (and is overridden by) <see cref="Cameras"/>.</summary>
    public bool Managed => !string.IsNullOrEmpty(ConfigKey);

    /// <summary>The agent's own cameras; they win over the cloud's for the same id. At least one unless the agent is <see cref="Managed"/>.</summary>
    public IList<CameraOptions> Cameras { get; } = [];
}
