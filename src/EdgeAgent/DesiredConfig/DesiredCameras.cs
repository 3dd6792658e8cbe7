using System.Globalization;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.DesiredConfig;

/// <summary>
/// Turns an <see cref="EdgeAgentConfig"/> into the cloud cameras a recorder set can apply (pure): opens each sealed
/// password with the agent's key and checks each camera as a local one would be checked. A camera that fails either
/// is kept in the set with its problem (so the cloud sees it) but does not run; the others apply regardless.
/// </summary>
internal static class DesiredCameras
{
    public static (IReadOnlyList<PlannedCamera> Cameras, string? Error) Open(EdgeAgentConfig config, string configKey)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cameras = new List<PlannedCamera>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Cameras.Count; i++)
        {
            var entry = config.Cameras[i];
            var at = $"camera {entry.CameraId.Value}";
            if (!seen.Add(entry.CameraId.Value))
            {
                errors.Add($"{at} is listed twice; the first entry is used.");
                continue;
            }

            var options = ToOptions(entry);
            var invalid = EdgeAgentOptionsValidator.CameraErrors(options, at);
            if (invalid.Count > 0)
            {
                errors.AddRange(invalid);
                // An id that is no camera id (it would be a directory name) is only named in the error, not reported as a camera.
                if (EdgeAgentOptionsValidator.IsCameraId(options.Id))
                {
                    cameras.Add(new PlannedCamera(options, EdgeCameraStatus.CloudSource, EdgeCameraProblems.InvalidConfig));
                }

                continue;
            }

            if (entry.SealedPassword is { } sealedPassword)
            {
                var password = EdgeSecretBox.Open(configKey, config.AgentId, entry.CameraId.Value, sealedPassword);
                if (password is null)
                {
                    errors.Add($"{at}: the password does not open with this agent's config key (sealed for another agent, or the key was changed).");
                    cameras.Add(new PlannedCamera(options, EdgeCameraStatus.CloudSource, EdgeCameraProblems.CredentialsUnreadable));
                    continue;
                }

                options.Password = password;
            }

            cameras.Add(new PlannedCamera(options, EdgeCameraStatus.CloudSource));
        }

        return (cameras, errors.Count == 0 ? null : string.Join(" ", errors));
    }

    private static CameraOptions ToOptions(EdgeCameraConfig entry)
    {
        var options = new CameraOptions
        {
            Id = entry.CameraId.Value,
            Source = entry.SourceUrl,
            Username = entry.Username,
            Container = entry.Container,
            CacheSeconds = entry.CacheSeconds,
            MaxCacheBytes = entry.MaxCacheBytes,
            SegmentSeconds = entry.SegmentSeconds,
            Continuous = entry.Continuous,
        };
        if (!string.IsNullOrWhiteSpace(entry.DeviceSensorId) && entry.DeviceSensorId != entry.CameraId.Value)
        {
            options.SensorIds.Add(entry.DeviceSensorId);
        }

        return options;
    }

    /// <summary>For log lines: how many cameras, and how many cannot run.</summary>
    public static string Summary(IReadOnlyList<PlannedCamera> cameras) =>
        string.Create(CultureInfo.InvariantCulture, $"{cameras.Count} camera(s), {cameras.Count(c => !c.Runs)} not runnable");
}
