using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Interfaces.Messages;
using Orleans;

namespace Platform.Gateway.Messaging;

/// <summary>
/// Tells grains that their configuration changed after it was saved, by calling them (ReloadConfig). PostgreSQL is
/// the source of truth: a grain that is not active reads the new configuration when it next activates. An active grain
/// keeps what it loaded until told, so grains the cluster could not be reached for go to <see cref="PendingReloads"/>,
/// which tells them once it can; the caller gets a 503 saying the change is saved but not yet applied.
/// </summary>
public sealed partial class ConfigNotifier(IGrainFactory grains, ClusterConnection cluster, PendingReloads pending, ILogger<ConfigNotifier> logger)
{
    /// <summary>What the 503 of a write means, for the OpenAPI descriptions of the endpoints that tell grains.</summary>
    public const string Unapplied =
        "503: the change is saved but not yet applied (the cluster is unavailable); the gateway applies it once it can reach the cluster, so it need not be repeated.";

    /// <summary>Null when every grain was told; otherwise the 503 to return.</summary>
    public async Task<ProblemHttpResult?> NotifyAsync(IEnumerable<GrainKey> keys, string what, CancellationToken cancellationToken)
    {
        using var activity = GatewayTelemetry.Source.StartActivity("reload grain config");
        activity?.SetTag("platform.change", what);
        var distinct = keys.Distinct().ToList();
        try
        {
            cluster.ThrowIfNotJoined();
            await Task.WhenAll(distinct.Select(key => PendingReloads.ReloadAsync(grains, key)));
            return null;
        }
        catch (Exception e) when (ClusterCalls.IsUnavailable(e))
        {
            LogNotifyFailed(e, what);
            pending.Add(distinct);
            return TypedResults.Problem(
                "The change is saved, but the grains could not be told now (the cluster is unavailable). The gateway tells them as soon as it can reach the cluster; grains that start meanwhile read the change themselves.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Saved, not yet applied");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell grains that {What}; they are told once the cluster is reachable")]
    private partial void LogNotifyFailed(Exception exception, string what);
}
