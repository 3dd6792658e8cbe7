using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Rules;

/// <summary>A camera as the camera grain needs it.</summary>
public sealed record CameraConfig
{
    public CameraId CameraId { get; init; }

    public SiteId? SiteId { get; init; }

    public string Name { get; init; } = "";

    /// <summary>The name a DeepStream device uses for this camera in Smart Video Record's sensor.id; null: the camera id.</summary>
    public string? DeviceSensorId { get; init; }

    [JsonIgnore]
    public string EffectiveDeviceSensorId => string.IsNullOrEmpty(DeviceSensorId) ? CameraId.Value : DeviceSensorId;
}
