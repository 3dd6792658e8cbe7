using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Grains.Hosting;

/// <summary>Where grains read their configuration on activation and on reload: PostgreSQL, in the silo.</summary>
public interface IGrainConfigSource
{
    /// <summary>The sensor's zones, lines and enabled rules; an unknown sensor gets an empty configuration (it still counts nothing and fires nothing).</summary>
    Task<SensorConfig> LoadSensorAsync(SensorId sensorId, CancellationToken cancellationToken);

    /// <summary>The camera's name and device sensor id; an unknown camera gets its id as both.</summary>
    Task<CameraConfig> LoadCameraAsync(CameraId cameraId, CancellationToken cancellationToken);
}
