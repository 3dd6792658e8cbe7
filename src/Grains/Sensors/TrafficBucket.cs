namespace Platform.Grains.Sensors;

/// <summary>The counters of one (zone, class, minute) while that minute can still change.</summary>
public sealed class TrafficBucket
{
    public string ZoneId { get; set; } = "";

    public string Class { get; set; } = "";

    public DateTimeOffset Minute { get; set; }

    public int Entries { get; set; }

    public int Exits { get; set; }

    public int MaxPresent { get; set; }
}
