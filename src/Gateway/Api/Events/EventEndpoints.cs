using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Events;

/// <summary>GET /api/events: alerts and recording sessions in one timeline, filtered and keyset-paged by (time, id).</summary>
public static class EventEndpoints
{
    // Each branch keeps its own filters so that PostgreSQL can use the (…, time DESC, id DESC) indexes before merging.
    private const string Timeline = """
        SELECT * FROM (
            (SELECT 'alert' AS kind, a.id, a.occurred_at AS at, a.camera_id, a.sensor_id, a.rule_id, a.rule_name, a.class, a.severity, a.message, NULL::text AS session_id
             FROM alerts a
             WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = a.camera_id AND c.site_id = $1))
               AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = a.camera_id AND c.site_id = $11))
               AND ($2::text IS NULL OR a.camera_id = $2) AND ($3::text IS NULL OR a.sensor_id = $3) AND ($4::text IS NULL OR a.rule_id = $4)
               AND ($5::text IS NULL OR a.class = $5)
               AND ($6::timestamptz IS NULL OR a.occurred_at >= $6) AND ($7::timestamptz IS NULL OR a.occurred_at < $7)
               AND ($8::timestamptz IS NULL OR (a.occurred_at, a.id) < ($8, $9))
             ORDER BY a.occurred_at DESC, a.id DESC LIMIT $10)
            UNION ALL
            (SELECT 'recording', s.id, s.start_at, s.camera_id, s.sensor_id, s.rule_id, r.name, NULL, NULL, s.reason, s.id
             FROM recording_sessions s LEFT JOIN rules r ON r.id = s.rule_id
             WHERE $5::text IS NULL
               AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = s.camera_id AND c.site_id = $1))
               AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = s.camera_id AND c.site_id = $11))
               AND ($2::text IS NULL OR s.camera_id = $2) AND ($3::text IS NULL OR s.sensor_id = $3) AND ($4::text IS NULL OR s.rule_id = $4)
               AND ($6::timestamptz IS NULL OR s.start_at >= $6) AND ($7::timestamptz IS NULL OR s.start_at < $7)
               AND ($8::timestamptz IS NULL OR (s.start_at, s.id) < ($8, $9))
             ORDER BY s.start_at DESC, s.id DESC LIMIT $10)
        ) timeline
        ORDER BY at DESC, id DESC LIMIT $10
        """;

    public static void MapEventEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/events", ListAsync).WithTags("Events")
            .WithSummary("Alerts and recording sessions in one timeline, newest first, filtered by site, camera, sensor, rule, class and time.")
            .WithDescription($"`className` keeps alerts only (recordings have no class). `from` is inclusive, `to` exclusive. {PageRequest.Paging}");

    private static async Task<Results<Ok<Page<TimelineEvent>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? siteId, string? cameraId, string? sensorId, string? ruleId, string? className,
        DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ByTime(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.ListAsync(Timeline, Read, cancellationToken,
            SiteScope.Of(user), cameraId, sensorId, ruleId, className, from, to, after?.At, after?.Id, size + 1, siteId);
        return TypedResults.Ok(PageRequest.From(rows, size, e => Cursor.Encode(e.At, e.Id)));
    }

    private static TimelineEvent Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.Time(2), r.NullableString(3), r.NullableString(4), r.NullableString(5), r.NullableString(6),
        r.NullableString(7), r.NullableString(8), r.NullableString(9), r.NullableString(10));
}
