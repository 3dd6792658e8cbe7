using Orleans;
using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>An `edge.status` heartbeat as a whole, routed by ingress to the agent's grain (each camera's part goes to its camera grain too).</summary>
[GenerateSerializer]
[Immutable]
public sealed record AgentHeartbeat : GrainMessage
{
    [Id(0)]
    public required EdgeAgentStatus Status { get; init; }
}
