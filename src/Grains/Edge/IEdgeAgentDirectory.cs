using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Edge;

/// <summary>Where an agent grain reads what its agent should run and keeps what the agent last reported (PostgreSQL, in the silo).</summary>
public interface IEdgeAgentDirectory
{
    /// <summary>The registered agent with its cameras; null when no agent has this id.</summary>
    Task<DesiredAgent?> LoadDesiredAsync(string agentId, CancellationToken cancellationToken);

    /// <summary>Stores the agent's newest heartbeat (an older one arriving late does not replace it).</summary>
    Task SaveStatusAsync(EdgeAgentStatus status, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}
