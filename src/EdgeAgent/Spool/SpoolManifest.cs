using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Spool;

/// <summary>
/// manifest.json of a spool entry: the files, the finished edge.clips message (built once at cut time, so every
/// re-send is identical) and the progress. Rewritten atomically (write beside, rename) after every step.
/// </summary>
internal sealed class SpoolManifest
{
    public int SchemaVersion { get; set; } = 1;

    public required SpoolState State { get; set; }

    public required DateTimeOffset SpooledAt { get; init; }

    /// <summary>File name of the video inside the entry's directory.</summary>
    public required string VideoFile { get; init; }

    /// <summary>File name of the thumbnail inside the entry's directory, when one could be made.</summary>
    public string? ThumbnailFile { get; init; }

    public required ClipUploaded Clip { get; init; }

    /// <summary>W3C traceparent of the cut, continued by upload and announcement (also after a restart).</summary>
    public string? TraceParent { get; init; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
