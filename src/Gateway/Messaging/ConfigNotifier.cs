using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Interfaces.Grains;
using Platform.Grains.Interfaces.Messages;
using Orleans;

namespace Platform.Gateway.Messaging;

/// <summary>
/// Tells grains that their configuration changed after it was saved, by calling them (ReloadConfig). PostgreSQL is
/// the source of truth, so a failed call loses nothing: the caller gets a 503 saying so and can repeat the
/// (idempotent) write; a grain that is not active reads the new configuration when it next activates anyway.
/// </summary>
public sealed partial class ConfigNotifier(IGrainFactory grains, ClusterConnection cluster, ILogger<ConfigNotifier> logger)
{
    /// <summary>Null when every grain was told; otherwise the 503 to return.</summary>
    public async Task<ProblemHttpResult?> NotifyAsync(IEnumerable<GrainKey> keys, string what, CancellationToken cancellationToken)
    {
        using var activity = GatewayTelemetry.Source.StartActivity("reload grain config");
        activity?.SetTag("platform.change", what);
        try
        {
            cluster.ThrowIfNotJoined();
            await Task.WhenAll(keys.Distinct().Select(key => key.Kind == GrainKind.Sensor
                ? grains.GetGrain<ISensorGrain>(key.Key).ReloadConfig()
                : grains.GetGrain<ICameraGrain>(key.Key).ReloadConfig()));
            return null;
        }
        catch (Exception e) when (ClusterCalls.IsUnavailable(e))
        {
            LogNotifyFailed(e, what);
            return TypedResults.Problem(
                "The change is saved, but the grains could not be told (the cluster is unavailable); they use it from their next activation. Repeat the request to tell them now.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Saved, not yet applied");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell grains that {What}")]
    private partial void LogNotifyFailed(Exception exception, string what);
}
