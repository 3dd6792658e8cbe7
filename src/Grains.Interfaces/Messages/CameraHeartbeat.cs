using Orleans;
using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>One camera's part of an `edge.status` heartbeat, routed by ingress to that camera's grain.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CameraHeartbeat : GrainMessage
{
    [Id(0)]
    public required string AgentId { get; init; }

    [Id(1)]
    public string? Site { get; init; }

    [Id(2)]
    public required DateTimeOffset ReportedAt { get; init; }

    [Id(3)]
    public required EdgeCameraStatus Camera { get; init; }
}
