using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Alerts;

/// <summary>/api/alerts: the alert catalog with filters and paging, and a live feed over Server-Sent Events.</summary>
public static class AlertEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private const string Columns = "id, rule_id, rule_name, severity, message, sensor_id, camera_id, zone_id, line_id, class, object_ids, occurred_at";

    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync);
        alerts.MapGet("/stream", Stream);
        alerts.MapGet("/{id}", GetAsync);
    }

    private static async Task<Results<Ok<Page<Alert>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? siteId, string? cameraId, string? sensorId, string? ruleId, string? className, string? severity,
        DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ByTime(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.ListAsync(
            $"""
            SELECT {Columns} FROM alerts a
            WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = a.camera_id AND c.site_id = $1))
              AND ($12::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = a.camera_id AND c.site_id = $12))
              AND ($2::text IS NULL OR camera_id = $2) AND ($3::text IS NULL OR sensor_id = $3) AND ($4::text IS NULL OR rule_id = $4)
              AND ($5::text IS NULL OR class = $5) AND ($6::text IS NULL OR severity = $6)
              AND ($7::timestamptz IS NULL OR occurred_at >= $7) AND ($8::timestamptz IS NULL OR occurred_at < $8)
              AND ($9::timestamptz IS NULL OR (occurred_at, id) < ($9, $10))
            ORDER BY occurred_at DESC, id DESC LIMIT $11
            """,
            Read, cancellationToken, SiteScope.Of(user), cameraId, sensorId, ruleId, className, severity, from, to, after?.At, after?.Id, size + 1, siteId);
        return TypedResults.Ok(PageRequest.From(rows, size, a => Cursor.Encode(a.OccurredAt, a.Id)));
    }

    private static async Task<Results<Ok<Alert>, NotFound>> GetAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        var rows = await db.ListAsync(
            $"SELECT {Columns} FROM alerts a WHERE id = $2 AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = a.camera_id AND c.site_id = $1))",
            Read, cancellationToken, SiteScope.Of(user), id);
        return rows.Count == 1 ? TypedResults.Ok(rows[0]) : TypedResults.NotFound();
    }

    /// <summary>
    /// Alerts as they are raised, from now on; a scoped caller gets only its site's. The stream opens with a
    /// "ready" event (the subscription is live: anything raised afterwards arrives) and sends a "ping" when idle,
    /// so that proxies keep the connection and clients notice a dead one.
    /// </summary>
    private static ServerSentEventsResult<Alert?> Stream(AlertFeed feed, CameraSites sites, ClaimsPrincipal user, string? cameraId, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Follow(feed, sites, SiteScope.Of(user), cameraId, cancellationToken));

    private static async IAsyncEnumerable<SseItem<Alert?>> Follow(
        AlertFeed feed, CameraSites sites, string? scope, string? cameraId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe();
        yield return new SseItem<Alert?>(null, "ready");
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await WaitForAlertAsync(subscription, cancellationToken))
            {
                yield return new SseItem<Alert?>(null, "ping");
                continue;
            }

            while (subscription.Reader.TryRead(out var alert))
            {
                if ((cameraId is null || alert.CameraId == cameraId)
                    && (scope is null || (alert.CameraId is { } camera && await sites.SiteOfAsync(camera, cancellationToken) == scope)))
                {
                    yield return new SseItem<Alert?>(alert, "alert") { EventId = alert.Id };
                }
            }
        }
    }

    /// <summary>True when alerts are waiting; false when the keep-alive interval passed without one.</summary>
    private static async Task<bool> WaitForAlertAsync(AlertSubscription subscription, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(KeepAlive);
        try
        {
            return await subscription.Reader.WaitToReadAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static Alert Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.NullableString(6),
        r.NullableString(7), r.NullableString(8), r.NullableString(9), r.GetFieldValue<string[]>(10), r.Time(11));
}
