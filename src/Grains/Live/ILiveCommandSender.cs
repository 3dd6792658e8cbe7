using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Live;

/// <summary>
/// Sends live-view commands to the edge at once. Unlike recording commands they skip the outbox: a lost start or
/// renewal is repeated by the viewer's next renewal and a lost stop by the agent's lease running out, so there is
/// nothing worth a durable write.
/// </summary>
public interface ILiveCommandSender
{
    /// <summary>Returns once the broker has the command; throws when it cannot be sent within the sender's bound.</summary>
    Task SendAsync(LiveViewCommand command, CancellationToken cancellationToken);
}
