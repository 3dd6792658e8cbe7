namespace Platform.Grains.Sensors;

/// <summary>What a sensor remembers about one rule between events.</summary>
public sealed class RuleMemory
{
    /// <summary>Event time of the last firing, for the cooldown.</summary>
    public DateTimeOffset? LastFiredAt { get; set; }

    /// <summary>
    /// Count-in-zone: event times of the latest matching entries, oldest first, at most threshold of them
    /// (the threshold is reached within the window exactly when the oldest kept one is inside it).
    /// </summary>
    public List<DateTimeOffset>? Entries { get; set; }

    /// <summary>Occupancy-at-least: event time since which the count has stayed at or above the minimum; null below it.</summary>
    public DateTimeOffset? OccupiedSince { get; set; }

    /// <summary>Occupancy-at-least: the current episode has fired (it fires once per episode).</summary>
    public bool OccupancyFired { get; set; }
}
