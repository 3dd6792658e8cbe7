using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Rules;

/// <summary>Everything a sensor grain needs: its zones and lines (pixel coordinates of this sensor), its linked camera and its rules.</summary>
public sealed record SensorConfig
{
    public SensorId SensorId { get; init; }

    /// <summary>The camera that sees what this sensor sees: the default target of record actions.</summary>
    public CameraId? CameraId { get; init; }

    /// <summary>
    /// The frame the sensor's coordinates are in (DeepStream's streammux width and height), when known: zones and
    /// lines must lie inside it. Null: not checked (the silo loads no frame; the gateway always has one).
    /// </summary>
    public int? FrameWidth { get; init; }

    public int? FrameHeight { get; init; }

    public IReadOnlyList<Zone> Zones { get; init; } = [];

    public IReadOnlyList<Line> Lines { get; init; } = [];

    public IReadOnlyList<Rule> Rules { get; init; } = [];
}
