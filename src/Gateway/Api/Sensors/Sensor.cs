using Platform.Grains.Interfaces.Rules;

namespace Platform.Gateway.Api.Sensors;

/// <summary>
/// A detection source (a DeepStream sensor id): its zones and counting lines in its own pixel coordinates, inside its
/// frame (DeepStream's streammux width × height), and the camera that sees what it sees.
/// </summary>
public sealed record Sensor(
    string Id, string? SiteId, string? CameraId, string Name, int FrameWidth, int FrameHeight, IReadOnlyList<Zone> Zones, IReadOnlyList<Line> Lines,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The body of POST /api/sensors (id required) and PUT /api/sensors/{id}; a frame left out is 1920×1080.</summary>
public sealed record SensorInput(
    string? Id, string? SiteId, string? CameraId, string? Name, IReadOnlyList<Zone>? Zones, IReadOnlyList<Line>? Lines,
    int? FrameWidth = null, int? FrameHeight = null)
{
    /// <summary>NVIDIA's reference configurations run streammux at 1920×1080.</summary>
    public const int DefaultFrameWidth = 1920, DefaultFrameHeight = 1080;

    public int Width => FrameWidth ?? DefaultFrameWidth;

    public int Height => FrameHeight ?? DefaultFrameHeight;
}
