using Platform.Grains.Interfaces.Rules;

namespace Platform.Gateway.Api.Sensors;

/// <summary>A detection source (a DeepStream sensor id): its zones and counting lines in its own pixel coordinates, and the camera that sees what it sees.</summary>
public sealed record Sensor(
    string Id, string? SiteId, string? CameraId, string Name, IReadOnlyList<Zone> Zones, IReadOnlyList<Line> Lines,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The body of POST /api/sensors (id required) and PUT /api/sensors/{id}.</summary>
public sealed record SensorInput(string? Id, string? SiteId, string? CameraId, string? Name, IReadOnlyList<Zone>? Zones, IReadOnlyList<Line>? Lines);
