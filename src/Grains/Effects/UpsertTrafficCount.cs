using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Effects;

/// <summary>
/// One row of the per-minute traffic and occupancy metrics, keyed by (sensor, zone or line, class, minute). The values
/// are the grain's running totals for that minute, not increments, so the host upserts with GREATEST per
/// column: a repeat or a reordering never lowers a row. A minute without entries or exits has no row; its
/// occupancy is that of the last row before it.
/// </summary>
public sealed record UpsertTrafficCount : GrainEffect
{
    public required SensorId SensorId { get; init; }

    /// <summary>A zone's id, or a line's when <see cref="IsLine"/> (zone and line ids of a sensor are distinct).</summary>
    public required string ZoneId { get; init; }

    /// <summary>A line's crossings: <see cref="Entries"/> a-to-b, <see cref="Exits"/> b-to-a, <see cref="MaxPresent"/> 0.</summary>
    public bool IsLine { get; init; }

    public required string Class { get; init; }

    /// <summary>The start of the minute (event time, UTC).</summary>
    public required DateTimeOffset Minute { get; init; }

    public required int Entries { get; init; }

    public required int Exits { get; init; }

    /// <summary>The most objects of the class present in the zone at once during the minute.</summary>
    public required int MaxPresent { get; init; }
}
