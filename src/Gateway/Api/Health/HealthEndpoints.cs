using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Messaging;
using Orleans;
using Orleans.Runtime;

namespace Platform.Gateway.Api.Health;

/// <summary>`/healthz`: the process serves. `/readyz`: PostgreSQL, Kafka, S3 and the Orleans cluster answer, each reported by name.</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> ReadyAsync(
        NpgsqlDataSource database, KafkaProbe kafka, IClipObjects clipObjects, IGrainFactory grains, ClusterConnection cluster, CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            CheckAsync("postgres", async token => { await using var command = database.CreateCommand("SELECT 1"); await command.ExecuteScalarAsync(token); }, cancellationToken),
            CheckAsync("kafka", token => Task.Run(() => kafka.CheckBroker(CheckTimeout), token), cancellationToken),
            CheckAsync("s3", clipObjects.CheckBucketAsync, cancellationToken),
            CheckAsync("orleans", async token =>
            {
                cluster.ThrowIfNotJoined();
                var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(token);
                if (silos.Count == 0)
                {
                    throw new InvalidOperationException("no active silo");
                }
            }, cancellationToken));
        var readiness = new Readiness(checks.All(c => c.Ok) ? "ready" : "not ready", checks);
        return readiness.Status == "ready"
            ? TypedResults.Ok(readiness)
            : TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<DependencyCheck> CheckAsync(string name, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await check(timeout.Token);
            return new(name, true, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new(name, false, e.Message);
        }
    }
}

public sealed record Readiness(string Status, IReadOnlyList<DependencyCheck> Checks);

public sealed record DependencyCheck(string Name, bool Ok, string? Error);
