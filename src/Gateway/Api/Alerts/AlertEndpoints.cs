using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Api.Reviews;
using Platform.Gateway.Http;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Gateway.Api.Alerts;

/// <summary>/api/alerts: the alert catalog with filters and paging, and a live feed over Server-Sent Events.</summary>
public static class AlertEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private const string Columns =
        "id, rule_id, rule_name, severity, message, sensor_id, camera_id, record_camera_ids, zone_id, line_id, class, object_ids, occurred_at, v.reviewed_by, v.reviewed_at";

    /// <summary>The alert's review, if any (see Reviews.ReviewEndpoints).</summary>
    private const string WithReview = "alerts a LEFT JOIN event_reviews v ON v.kind = 'alert' AND v.event_id = a.id";

    /// <summary>An alert's site: its camera's, or for a sensor without a camera the sensor's (as <see cref="AlertSites"/>).</summary>
    internal const string SiteOfAlert =
        "COALESCE((SELECT c.site_id FROM cameras c WHERE c.id = a.camera_id), (SELECT s.site_id FROM sensors s WHERE s.id = a.sensor_id))";

    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync)
            .WithSummary("Alerts, newest first, filtered by site, camera (the sensor's), sensor, rule, class, zone, severity, time and reviewed state.")
            .WithDescription($"`from` is inclusive, `to` exclusive. `reviewed=false` keeps the alerts nobody has marked reviewed. {PageRequest.Paging}");
        alerts.MapGet("/stream", Stream)
            .WithSummary("Alerts as they are raised, as Server-Sent Events, filtered by site, camera, rule and severity.")
            .WithDescription(
                "Opens with a `ready` event (anything raised afterwards arrives), then one `alert` event per alert (the id is the "
                + "alert id) and a `ping` after 15 s without one. `cameraId` is the camera of the sensor that fired the rule, as in "
                + "an alert's `cameraId`; `recordCameraIds` lists the cameras it records. `severity` is info, warning or critical. "
                + "A site-scoped key gets only its site's alerts.");
        alerts.MapGet("/{id}", GetAsync).WithSummary("One alert.");
    }

    private static async Task<Results<Ok<Page<Alert>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? siteId, string? cameraId, string? sensorId, string? ruleId, string? className, string? severity,
        string? zoneId, bool? reviewed, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ByTime(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.ListAsync(
            $"""
            SELECT {Columns} FROM {WithReview}
            WHERE ($1::text IS NULL OR {SiteOfAlert} = $1)
              AND ($12::text IS NULL OR {SiteOfAlert} = $12)
              AND ($2::text IS NULL OR camera_id = $2) AND ($3::text IS NULL OR sensor_id = $3) AND ($4::text IS NULL OR rule_id = $4)
              AND ($5::text IS NULL OR class = $5) AND ($6::text IS NULL OR severity = $6)
              AND ($7::timestamptz IS NULL OR occurred_at >= $7) AND ($8::timestamptz IS NULL OR occurred_at < $8)
              AND ($9::timestamptz IS NULL OR (occurred_at, id) < ($9, $10))
              AND ($13::text IS NULL OR zone_id = $13) AND ($14::boolean IS NULL OR (v.event_id IS NOT NULL) = $14)
            ORDER BY occurred_at DESC, id DESC LIMIT $11
            """,
            Read, cancellationToken, SiteScope.Of(user), cameraId, sensorId, ruleId, className, severity, from, to, after?.At, after?.Id, size + 1, siteId,
            zoneId, reviewed);
        return TypedResults.Ok(PageRequest.From(rows, size, a => Cursor.Encode(a.OccurredAt, a.Id)));
    }

    private static async Task<Results<Ok<Alert>, NotFound>> GetAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        var rows = await db.ListAsync(
            $"SELECT {Columns} FROM {WithReview} WHERE id = $2 AND ($1::text IS NULL OR {SiteOfAlert} = $1)",
            Read, cancellationToken, SiteScope.Of(user), id);
        return rows.Count == 1 ? TypedResults.Ok(rows[0]) : TypedResults.NotFound();
    }

    /// <summary>
    /// Alerts as they are raised, from now on; a scoped caller gets only its site's. The stream opens with a
    /// "ready" event (the subscription is live: anything raised afterwards arrives) and sends a "ping" when idle,
    /// so that proxies keep the connection and clients notice a dead one.
    /// </summary>
    private static Results<ServerSentEventsResult<Alert?>, ValidationProblem> Stream(
        AlertFeed feed, AlertSites sites, ClaimsPrincipal user, string? siteId, string? cameraId, string? ruleId, string? severity,
        CancellationToken cancellationToken)
    {
        if (severity is not null && !Enum.TryParse<AlertSeverity>(severity, ignoreCase: true, out _))
        {
            return Problems.Invalid(new FieldErrors().Add("severity", $"'{severity}' is not a severity: info, warning or critical.").ToDictionary());
        }

        var filter = new AlertStreamFilter(SiteScope.Of(user), siteId, cameraId, ruleId, severity?.ToLowerInvariant());
        return TypedResults.ServerSentEvents(Follow(feed, sites, filter, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<Alert?>> Follow(
        AlertFeed feed, AlertSites sites, AlertStreamFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
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
                if (await filter.PassesAsync(alert, sites, cancellationToken))
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
        r.GetFieldValue<string[]>(7), r.NullableString(8), r.NullableString(9), r.NullableString(10), r.GetFieldValue<string[]>(11), r.Time(12), Review.Read(r, 13));
}
