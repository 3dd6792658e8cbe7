namespace Platform.Gateway.Api.Continuous;

/// <summary>Section "Continuous": the continuous-recording API (spans, exports) and its retention default.</summary>
public sealed class ContinuousOptions
{
    public const string Section = "Continuous";

    /// <summary>Widest from..to a spans request may ask for. Default 7 days.</summary>
    public TimeSpan MaxSpanRange { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A spans request without <c>from</c> looks back this far from <c>to</c>. Default 24 h.</summary>
    public TimeSpan DefaultSpanRange { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Two segments further apart than this are two spans. Default 1 s.</summary>
    public TimeSpan MaxGap { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest range one export may join. Default 1 h.</summary>
    public TimeSpan MaxExportLength { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a built export is kept after its last request, so a player's Range requests reuse it. Default 5 minutes.</summary>
    public TimeSpan ExportLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where exports are built; empty: a folder under the system's temp directory.</summary>
    public string ExportDirectory { get; set; } = "";

    /// <summary>The folder with ffmpeg (FFMpegCore's BinaryFolder); empty: PATH.</summary>
    public string FfmpegBinaryFolder { get; set; } = "";

    /// <summary>Days a camera keeps continuous segments when its continuous_retention_days is null. Default 7.</summary>
    public int DefaultRetentionDays { get; set; } = 7;

    /// <summary>At most this many segments are deleted per retention pass (the next pass continues). Default 20,000.</summary>
    public int MaxSegmentsPerPass { get; set; } = 20_000;

    /// <summary>Every problem at once, for validation at start.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxSpanRange <= TimeSpan.Zero || DefaultSpanRange <= TimeSpan.Zero || DefaultSpanRange > MaxSpanRange)
        {
            yield return "Continuous:MaxSpanRange and DefaultSpanRange must be positive, the default within the maximum.";
        }

        if (MaxGap < TimeSpan.Zero)
        {
            yield return "Continuous:MaxGap must not be negative.";
        }

        if (MaxExportLength <= TimeSpan.Zero || MaxExportLength > TimeSpan.FromHours(24))
        {
            yield return "Continuous:MaxExportLength must be between 0 and 24 hours.";
        }

        if (ExportLifetime < TimeSpan.FromSeconds(1))
        {
            yield return "Continuous:ExportLifetime must be at least 1 second.";
        }

        if (DefaultRetentionDays < 1)
        {
            yield return "Continuous:DefaultRetentionDays must be at least 1.";
        }

        if (MaxSegmentsPerPass < 1)
        {
            yield return "Continuous:MaxSegmentsPerPass must be at least 1.";
        }
    }
}
