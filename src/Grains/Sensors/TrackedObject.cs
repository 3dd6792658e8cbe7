namespace Platform.Grains.Sensors;

/// <summary>One object the tracker follows on a sensor: its last box and the zones it is in.</summary>
public sealed class TrackedObject
{
    public string Label { get; set; } = "";

    public double Left { get; set; }

    public double Top { get; set; }

    public double Right { get; set; }

    public double Bottom { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>The zones the object is in now; null when none.</summary>
    public List<ZoneVisit>? Zones { get; set; }
}
