namespace Platform.Grains.Sensors;

/// <summary>An object's current stay in one zone.</summary>
public sealed class ZoneVisit
{
    public string ZoneId { get; set; } = "";

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>Dwell rules that already fired for this visit: a dwell rule fires once per visit.</summary>
    public List<string>? DwellFired { get; set; }
}
