using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.GatewayTesting;

/// <summary>Heartbeats as an edge agent sends them on `edge.status`, for <see cref="TestSilo.ProduceHeartbeatAsync"/>.</summary>
public static class EdgeHeartbeats
{
    /// <summary>The agent reads <paramref name="cameraId"/> and caches <paramref name="cacheSeconds"/> of its video.</summary>
    public static EdgeAgentStatus Connected(string agentId, string cameraId, DateTimeOffset at, double cacheSeconds = 60, bool recording = false) => new()
    {
        MessageId = $"{agentId}-{at.ToUnixTimeMilliseconds()}",
        OccurredAt = at,
        AgentId = agentId,
        Version = "test",
        Cameras =
        [
            new EdgeCameraStatus
            {
                CameraId = new CameraId(cameraId),
                Connected = true,
                LastSegmentAt = at,
                CacheSeconds = cacheSeconds,
                Restarts = 0,
                Recording = recording,
            },
        ],
        SpoolCount = 0,
        SpoolBytes = 0,
        DiskFreeBytes = 10L * 1024 * 1024 * 1024,
    };
}
