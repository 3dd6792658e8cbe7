namespace Platform.Grains.Sensors;

/// <summary>
/// The persisted state of a sensor grain. Collections are null while empty, so an idle sensor serializes to a
/// few bytes and costs one small object in memory; only open minute buckets are kept, never history.
/// </summary>
public sealed class SensorState
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    /// <summary>The latest event time (detection timestamp) applied: the clock of rules, counts and expiry.</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>Processing time of the last detection: the idle timer is measured from it.</summary>
    public DateTimeOffset? LastDetectionAt { get; set; }

    /// <summary>Objects being tracked, by tracking id.</summary>
    public Dictionary<string, TrackedObject>? Objects { get; set; }

    /// <summary>Per-rule memory (cooldown, count window), by rule id.</summary>
    public Dictionary<string, RuleMemory>? Rules { get; set; }

    /// <summary>Per-minute counters still open to change.</summary>
    public List<TrafficBucket>? Buckets { get; set; }
}
