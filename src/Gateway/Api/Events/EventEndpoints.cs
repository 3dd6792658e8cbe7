using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Api.Reviews;
using Platform.Gateway.Http;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Events;

/// <summary>GET /api/events: alerts and recording sessions in one timeline, filtered and keyset-paged by (time, id).</summary>
public static class EventEndpoints
{
    // Each branch keeps its own filters so that PostgreSQL can use the (…, time DESC, id DESC) indexes before merging.
    // The clip of each entry is looked up for the page's rows only: for an alert, the newest clip of its camera that
    // starts at or before the alert (one step down clips_camera_time; a camera records one session at a time, so
    // that clip covers the moment if any does), kept if it ends at or after it; for a session, its first clip.
    private const string Timeline = """
        SELECT t.*, k.id, k.start_at, k.thumbnail_key IS NOT NULL FROM (
            SELECT * FROM (
                (SELECT 'alert' AS kind, a.id, a.occurred_at AS at, a.camera_id, a.sensor_id, a.rule_id, a.rule_name, a.class, a.severity, a.message,
                        NULL::text AS session_id, a.zone_id, v.reviewed_by, v.reviewed_at
                 FROM alerts a LEFT JOIN event_reviews v ON v.kind = 'alert' AND v.event_id = a.id
                 WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = a.camera_id AND c.site_id = $1))
                   AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = a.camera_id AND c.site_id = $11))
                   AND ($2::text IS NULL OR a.camera_id = $2) AND ($3::text IS NULL OR a.sensor_id = $3) AND ($4::text IS NULL OR a.rule_id = $4)
                   AND ($5::text IS NULL OR a.class = $5) AND ($12::text IS NULL OR a.severity = $12) AND ($13::text IS NULL OR a.zone_id = $13)
                   AND ($14::boolean IS NULL OR (v.event_id IS NOT NULL) = $14)
                   AND ($6::timestamptz IS NULL OR a.occurred_at >= $6) AND ($7::timestamptz IS NULL OR a.occurred_at < $7)
                   AND ($8::timestamptz IS NULL OR (a.occurred_at, a.id) < ($8, $9))
                 ORDER BY a.occurred_at DESC, a.id DESC LIMIT $10)
                UNION ALL
                (SELECT 'recording', s.id, s.start_at, s.camera_id, s.sensor_id, s.rule_id, r.name, NULL, NULL, s.reason, s.id, NULL, v.reviewed_by, v.reviewed_at
                 FROM recording_sessions s LEFT JOIN rules r ON r.id = s.rule_id
                      LEFT JOIN event_reviews v ON v.kind = 'recording' AND v.event_id = s.id
                 WHERE $5::text IS NULL AND $12::text IS NULL AND $13::text IS NULL
                   AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = s.camera_id AND c.site_id = $1))
                   AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = s.camera_id AND c.site_id = $11))
                   AND ($2::text IS NULL OR s.camera_id = $2) AND ($3::text IS NULL OR s.sensor_id = $3) AND ($4::text IS NULL OR s.rule_id = $4)
                   AND ($14::boolean IS NULL OR (v.event_id IS NOT NULL) = $14)
                   AND ($6::timestamptz IS NULL OR s.start_at >= $6) AND ($7::timestamptz IS NULL OR s.start_at < $7)
                   AND ($8::timestamptz IS NULL OR (s.start_at, s.id) < ($8, $9))
                 ORDER BY s.start_at DESC, s.id DESC LIMIT $10)
            ) merged
            ORDER BY at DESC, id DESC LIMIT $10
        ) t
        LEFT JOIN LATERAL (
            (SELECT c.id, c.start_at, c.end_at, c.thumbnail_key FROM clips c
             WHERE t.kind = 'alert' AND c.camera_id = t.camera_id AND c.start_at <= t.at ORDER BY c.start_at DESC, c.id DESC LIMIT 1)
            UNION ALL
            (SELECT c.id, c.start_at, c.end_at, c.thumbnail_key FROM clips c
             WHERE t.kind = 'recording' AND c.session_id = t.id ORDER BY c.start_at, c.id LIMIT 1)
        ) k ON k.end_at >= t.at
        ORDER BY t.at DESC, t.id DESC
        """;

    public static void MapEventEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/events", ListAsync).WithTags("Events")
            .WithSummary("Alerts and recording sessions in one timeline, newest first, filtered by site, camera, sensor, rule, class, zone, severity, time and reviewed state.")
            .WithDescription("`className`, `zoneId` and `severity` keep alerts only (recordings have none). `from` is inclusive, `to` exclusive. "
                + "`reviewed=false` keeps what nobody has marked reviewed. Each entry names the clip to play for it (`clip`, null while none covers it). "
                + PageRequest.Paging);

    private static async Task<Results<Ok<Page<TimelineEvent>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? siteId, string? cameraId, string? sensorId, string? ruleId, string? className,
        string? zoneId, string? severity, bool? reviewed, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ByTime(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.ListAsync(Timeline, Read, cancellationToken,
            SiteScope.Of(user), cameraId, sensorId, ruleId, className, from, to, after?.At, after?.Id, size + 1, siteId, severity, zoneId, reviewed);
        return TypedResults.Ok(PageRequest.From(rows, size, e => Cursor.Encode(e.At, e.Id)));
    }

    private static TimelineEvent Read(NpgsqlDataReader r)
    {
        var at = r.Time(2);
        return new(
            r.GetString(0), r.GetString(1), at, r.NullableString(3), r.NullableString(4), r.NullableString(5), r.NullableString(6),
            r.NullableString(7), r.NullableString(8), r.NullableString(9), r.NullableString(10), r.NullableString(11), Review.Read(r, 12),
            r.IsDBNull(14) ? null : ClipOf(r.GetString(14), r.Time(15), at, r.GetBoolean(16)));
    }

    private static EventClip ClipOf(string id, DateTimeOffset start, DateTimeOffset at, bool hasThumbnail) =>
        new(id, start, Math.Max(0, (at - start).TotalSeconds), hasThumbnail ? ClipUrls.Thumbnail(id) : null);
}
