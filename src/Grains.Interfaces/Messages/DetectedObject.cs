using Orleans;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// One tracked object in one frame, normalized from either DeepStream schema. Coordinates are pixels of the
/// sensor's frame; <see cref="Left"/> &lt; <see cref="Right"/> and <see cref="Top"/> &lt; <see cref="Bottom"/>
/// (ingress rejects anything else).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record DetectedObject
{
    /// <summary>The tracker's id (DeepStream object.id or the first field of a minimal-schema object).</summary>
    [Id(0)]
    public required string TrackingId { get; init; }

    /// <summary>The object class as DeepStream names it: Person, Vehicle, Car, Bicycle, Face, …</summary>
    [Id(1)]
    public required string Label { get; init; }

    [Id(2)]
    public required double Left { get; init; }

    [Id(3)]
    public required double Top { get; init; }

    [Id(4)]
    public required double Right { get; init; }

    [Id(5)]
    public required double Bottom { get; init; }

    /// <summary>Detector confidence in [0, 1] when the device sends one.</summary>
    [Id(6)]
    public double? Confidence { get; init; }

    /// <summary>Class attributes as sent (a Vehicle's make/colour/licence, the minimal schema's `|#|` part), or null.</summary>
    [Id(7)]
    public string? Attributes { get; init; }
}
