using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Edge;

/// <summary>
/// Puts an agent's desired configuration on `edge.config`, keyed by agent id. No outbox: the configuration is derived
/// from PostgreSQL whenever it is sent, and an agent reporting an older version is sent it again, so a lost send costs
/// a heartbeat's delay, not the change.
/// </summary>
public interface IEdgeConfigPublisher
{
    /// <summary>Returns once the broker has it; throws when it cannot be sent within the publisher's bound.</summary>
    Task PublishAsync(EdgeAgentConfig config, CancellationToken cancellationToken);
}
