using Orleans;
using Orleans.Runtime;

namespace Platform.Gateway.Messaging;

/// <summary>
/// Whether the gateway's cluster client has joined the cluster. Until it has, the client knows no grain types (they come
/// with the cluster's manifest), so getting a grain fails with an ArgumentException, which reads like a bug (a 500);
/// callers check this first and answer 503 like any other "cluster unavailable".
/// </summary>
public sealed class ClusterConnection : ILifecycleParticipant<IClusterClientLifecycle>
{
    private volatile bool joined;

    public bool HasJoined => joined;

    /// <summary>Throws an <see cref="OrleansException"/> (see <see cref="ClusterCalls.IsUnavailable"/>) until the client has joined.</summary>
    public void ThrowIfNotJoined()
    {
        if (!joined)
        {
            throw new OrleansException("The gateway has not joined the Orleans cluster yet: no silo has been reachable since it started.");
        }
    }

    public void Participate(IClusterClientLifecycle observer) => observer.Subscribe(nameof(ClusterConnection), ServiceLifecycleStage.Active,
        _ =>
        {
            joined = true;
            return Task.CompletedTask;
        },
        _ =>
        {
            joined = false;
            return Task.CompletedTask;
        });
}
