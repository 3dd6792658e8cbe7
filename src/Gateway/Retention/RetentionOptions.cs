namespace Platform.Gateway.Retention;

/// <summary>
/// Section "Retention": the background pass that enforces each camera's retention_days and retention_bytes
/// (columns of cameras; a camera with neither keeps its clips forever).
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Off: no pass runs in this gateway (another gateway, or none, enforces retention). Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between passes; the first runs at start. Default 10 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many clips are removed per pass (default 2000), so one pass over a large backlog stays short; the next continues.</summary>
    public int MaxClipsPerPass { get; set; } = 2000;

    /// <summary>Every problem at once, for validation at start.</summary>
    public IEnumerable<string> Problems()
    {
        if (Interval < TimeSpan.FromSeconds(1))
        {
            yield return "Retention:Interval must be at least 1 second.";
        }

        if (MaxClipsPerPass < 1)
        {
            yield return "Retention:MaxClipsPerPass must be at least 1.";
        }
    }
}
