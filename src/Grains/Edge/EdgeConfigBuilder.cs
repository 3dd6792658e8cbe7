using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Edge;

/// <summary>Turns an agent's rows into its edge.config message: each password sealed for this agent and camera only.</summary>
public static class EdgeConfigBuilder
{
    public static EdgeAgentConfig Build(DesiredAgent agent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var defaults = new EdgeCameraConfig { CameraId = new CameraId("-"), SourceUrl = "" };
        return new EdgeAgentConfig
        {
            AgentId = agent.AgentId,
            Version = agent.Version,
            PublishedAt = now,
            Cameras =
            [
                .. agent.Cameras.Select(c => new EdgeCameraConfig
                {
                    CameraId = new CameraId(c.CameraId),
                    SourceUrl = c.SourceUrl,
                    Username = c.Username,
                    SealedPassword = string.IsNullOrEmpty(c.Password) ? null : EdgeSecretBox.Seal(agent.ConfigKey, agent.AgentId, c.CameraId, c.Password),
                    DeviceSensorId = c.DeviceSensorId,
                    Container = c.Container ?? defaults.Container,
                    CacheSeconds = c.CacheSeconds ?? defaults.CacheSeconds,
                    MaxCacheBytes = c.CacheBytes ?? defaults.MaxCacheBytes,
                    SegmentSeconds = c.SegmentSeconds ?? defaults.SegmentSeconds,
                    Continuous = c.Continuous,
                }),
            ],
        };
    }
}
