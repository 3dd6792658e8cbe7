using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Cache;

/// <summary>
/// Merges the agent's own cameras (EdgeAgent:Cameras) with the cloud's desired ones (edge.config), pure. The local
/// definition wins when both name a camera: whoever configured the device by hand meant it, and the cloud learns of
/// it from the camera's status (<see cref="EdgeCameraProblems.OverriddenLocally"/>).
/// </summary>
internal static class CameraSet
{
    public static IReadOnlyList<PlannedCamera> Merge(IEnumerable<CameraOptions> local, IEnumerable<PlannedCamera> cloud)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(cloud);
        var cloudById = new Dictionary<string, PlannedCamera>(StringComparer.Ordinal);
        foreach (var camera in cloud)
        {
            cloudById[camera.Options.Id] = camera;
        }

        var merged = new List<PlannedCamera>();
        var localIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var camera in local)
        {
            localIds.Add(camera.Id);
            merged.Add(new PlannedCamera(camera, EdgeCameraStatus.LocalSource,
                cloudById.ContainsKey(camera.Id) ? EdgeCameraProblems.OverriddenLocally : null));
        }

        merged.AddRange(cloudById.Values.Where(c => !localIds.Contains(c.Options.Id)));
        return merged;
    }
}
