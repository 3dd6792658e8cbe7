namespace Platform.Grains.Sensors;

/// <summary>
/// The counters of one (zone or line, class, minute) while that minute can still change. For a line, entries are
/// crossings a-to-b and exits crossings b-to-a.
/// </summary>
public sealed class TrafficBucket
{
    public string ZoneId { get; set; } = "";

    /// <summary>True when <see cref="ZoneId"/> names a line.</summary>
    public bool IsLine { get; set; }

    public string Class { get; set; } = "";

    public DateTimeOffset Minute { get; set; }

    public int Entries { get; set; }

    public int Exits { get; set; }

    public int MaxPresent { get; set; }
}
