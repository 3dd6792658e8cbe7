using Orleans.Runtime;

namespace Platform.Gateway.Messaging;

/// <summary>Which failures of a call into the cluster mean "unavailable now" (a 503), rather than a bug.</summary>
public static class ClusterCalls
{
    /// <summary>
    /// Not connected yet, no silo reachable, a silo that died under the call, the call's timeout, or a grain that
    /// failed because its own dependency (PostgreSQL) is away.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception is OrleansException or TimeoutException or InvalidOperationException
        or Npgsql.NpgsqlException or OperationCanceledException;
}
