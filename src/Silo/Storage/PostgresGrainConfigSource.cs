using Platform.Grains.Hosting;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Silo.Storage;

/// <summary>Grain configuration from PostgreSQL (<see cref="ConfigStore"/>), the loads of grains activating together in one query.</summary>
public sealed class PostgresGrainConfigSource : IGrainConfigSource, IAsyncDisposable
{
    private readonly BatchLoader<SensorId, SensorConfig> sensors;
    private readonly BatchLoader<CameraId, CameraConfig> cameras;

    public PostgresGrainConfigSource(ConfigStore store)
    {
        sensors = new BatchLoader<SensorId, SensorConfig>(store.LoadSensorsAsync, maxBatch: 1_000);
        cameras = new BatchLoader<CameraId, CameraConfig>(store.LoadCamerasAsync, maxBatch: 1_000);
    }

    public async Task<SensorConfig> LoadSensorAsync(SensorId sensorId, CancellationToken cancellationToken) =>
        await sensors.LoadAsync(sensorId) ?? new SensorConfig { SensorId = sensorId };

    public async Task<CameraConfig> LoadCameraAsync(CameraId cameraId, CancellationToken cancellationToken) =>
        await cameras.LoadAsync(cameraId) ?? new CameraConfig { CameraId = cameraId, Name = cameraId.Value };

    public async ValueTask DisposeAsync()
    {
        await sensors.DisposeAsync();
        await cameras.DisposeAsync();
    }
}
