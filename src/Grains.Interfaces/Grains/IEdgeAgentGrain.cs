using Orleans;

namespace Platform.Grains.Interfaces.Grains;

/// <summary>
/// One edge agent, keyed by its agent id: keeps its newest heartbeat and sends it its desired camera set on
/// `edge.config`. Heartbeats reach it on its stream (namespace <see cref="StreamNamespaces.Agent"/>); an agent that
/// reports an older configuration version than the desired one is sent the desired one again, so an agent that was
/// offline, or a send the broker lost, converges without anyone asking.
/// </summary>
public interface IEdgeAgentGrain : IGrainWithStringKey
{
    /// <summary>
    /// The agent's cameras changed (saved in PostgreSQL): sends the agent its whole desired camera set now. False when
    /// the broker did not take it; the next heartbeat that reports an older version sends it again.
    /// </summary>
    Task<bool> PublishConfig();
}
