using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Commands;

/// <summary>
/// Which of this agent's cameras a command is for: our <c>cameraId</c> when present (exact id), else DeepStream's
/// <c>sensor.id</c>, which may be the camera id or one of its configured sensor aliases.
/// </summary>
internal sealed class CameraDirectory
{
    private readonly Dictionary<string, CameraOptions> byId;
    private readonly Dictionary<string, CameraOptions> byName;

    public CameraDirectory(IEnumerable<CameraOptions> cameras)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        var list = cameras.ToList();
        byId = list.ToDictionary(c => c.Id, StringComparer.Ordinal);
        byName = new Dictionary<string, CameraOptions>(StringComparer.Ordinal);
        foreach (var camera in list)
        {
            byName[camera.Id] = camera;
            foreach (var alias in camera.SensorIds)
            {
                byName[alias] = camera;
            }
        }
    }

    public IReadOnlyCollection<CameraOptions> All => byId.Values;

    /// <summary>The camera with exactly this id (live-view commands name cameras by id only).</summary>
    public CameraOptions? ById(string cameraId) => byId.GetValueOrDefault(cameraId);

    public CameraOptions? Resolve(SmartRecordCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CameraId is { } cameraId)
        {
            return byId.GetValueOrDefault(cameraId.Value);
        }

        return byName.GetValueOrDefault(command.Sensor.Id);
    }
}
