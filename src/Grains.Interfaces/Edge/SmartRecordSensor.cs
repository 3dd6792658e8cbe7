using System.Text.Json.Serialization;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>The `sensor` object of a Smart Video Record command: the device-side name of the camera.</summary>
public sealed record SmartRecordSensor
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }
}
