using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>One camera's part of an `edge.status` heartbeat, routed by ingress to that camera's grain.</summary>
public sealed record CameraHeartbeat : GrainMessage
{
    public required string AgentId { get; init; }

    public string? Site { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset ReportedAt { get; init; }

    public required EdgeCameraStatus Camera { get; init; }
}
