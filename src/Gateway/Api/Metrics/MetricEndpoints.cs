using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Api.Sensors;
using Platform.Gateway.Http;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Metrics;

/// <summary>The counting metrics the sensor grains keep per zone, class and minute: traffic (entries/exits) and occupancy.</summary>
public static class MetricEndpoints
{
    private const int MaxBuckets = 10_000;
    private static readonly TimeSpan OccupancyLookBack = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset Earliest = DateTimeOffset.MinValue.AddDays(2);
    private static readonly DateTimeOffset Latest = DateTimeOffset.MaxValue.AddDays(-2);

    public static void MapMetricEndpoints(this RouteGroupBuilder api)
    {
        var metrics = api.MapGroup("/sensors/{id}/metrics").WithTags("Metrics");
        metrics.MapGet("/traffic", TrafficAsync)
            .WithSummary("Entries and exits per zone, and crossings per direction per line, in buckets of the caller's time zone.")
            .WithDescription(
                "Buckets (`bucket`: 1m, 15m, 1h, 1d, …) are laid out in `tz` (an IANA zone, default UTC) from local midnight of the day "
                + "`from` falls in. `from` is moved back to the start of its bucket and `to` forward to the end of its bucket; the "
                + "response's `from`/`to` are those bounds and each bucket's `start` carries the zone's offset. Default range: the last hour. "
                + "A day bucket follows the local calendar (23 or 25 hours across a DST change). `zone` takes a zone id or a line id: "
                + "for a line (`kind` line), `entries` are crossings a-to-b and `exits` crossings b-to-a, and `maxPresent` is 0. "
                + "Buckets without counts are left out.");
        metrics.MapGet("/occupancy", OccupancyAsync)
            .WithSummary("How many objects of each class were in each zone at a time (the most present in the last counted minute).")
            .WithDescription("`at` defaults to now. A zone and class without a counted minute in the 10 minutes up to `at` is left out. `zone` narrows to one zone.");
    }

    private static async Task<Results<Ok<TrafficMetrics>, ValidationProblem, NotFound>> TrafficAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, string id, DateTimeOffset? from, DateTimeOffset? to, string? zone,
        string? className, string? bucket, string? tz, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var end = to ?? clock.GetUtcNow();
        // A 'to' within an hour of DateTimeOffset.MinValue has no hour before it (AddHours would throw: a 500).
        var start = from ?? (end > DateTimeOffset.MinValue.AddHours(1) ? end.AddHours(-1) : DateTimeOffset.MinValue);
        if (start >= end)
        {
            errors.Add("from", "Must be before 'to'.");
        }

        // Near DateTimeOffset's ends a local bucket boundary may not exist; no camera recorded then anyway.
        if (start < Earliest)
        {
            errors.Add("from", "Must be after 0001-01-03.");
        }

        if (end > Latest)
        {
            errors.Add("to", "Must be before 9999-12-29.");
        }

        var bucketText = bucket ?? "1m";
        if (!BucketSize.TryParse(bucketText, out var size))
        {
            errors.Add("bucket", "A count and a unit m, h or d, at most 31 days: 1m, 15m, 1h, 1d.");
        }

        var zoneText = tz ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneText, out var timeZone) || !timeZone.HasIanaId)
        {
            errors.Add("tz", $"'{zoneText}' is not an IANA time zone such as UTC, Europe/Berlin or America/New_York.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var grid = TrafficGrid.Create(start, end, size, timeZone!);
        if (grid.Count > MaxBuckets)
        {
            return Problems.Invalid(new FieldErrors()
                .Add("bucket", $"The range would have more than {MaxBuckets} buckets; use a larger bucket or a shorter range.").ToDictionary());
        }

        if (await SensorEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        // Binned on the local wall clock from the grid's origin, so that hours and days follow the caller's zone.
        var rows = await db.ListAsync(
            """
            SELECT zone_id, min(kind), date_bin($5, minute AT TIME ZONE $7, $8) AS bucket, sum(entries), sum(exits), max(max_present)
            FROM traffic_counts
            WHERE sensor_id = $1 AND minute >= $2 AND minute < $3 AND ($4::text IS NULL OR zone_id = $4) AND ($6::text IS NULL OR class = $6)
            GROUP BY zone_id, bucket ORDER BY zone_id, bucket
            """,
            r => new TrafficBucket(r.GetString(0), r.GetString(1), grid.ToInstant(r.GetDateTime(2)), r.GetInt64(3), r.GetInt64(4), r.GetInt32(5)),
            cancellationToken, id, grid.Start, grid.End, zone, size, className, timeZone!.Id, grid.Origin);
        return TypedResults.Ok(new TrafficMetrics(id, grid.Start, grid.End, bucketText, timeZone.Id, rows));
    }

    private static async Task<Results<Ok<OccupancyMetrics>, NotFound>> OccupancyAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, string id, DateTimeOffset? at, string? zone, CancellationToken cancellationToken)
    {
        if (await SensorEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var when = at ?? clock.GetUtcNow();
        var rows = await db.ListAsync(
            """
            SELECT DISTINCT ON (zone_id, class) zone_id, class, max_present, minute
            FROM traffic_counts
            WHERE sensor_id = $1 AND kind = 'zone' AND minute <= $2 AND minute > $2 - $4::interval AND ($3::text IS NULL OR zone_id = $3)
            ORDER BY zone_id, class, minute DESC
            """,
            r => new ZoneOccupancy(r.GetString(0), r.GetString(1), r.GetInt32(2), r.Time(3)),
            cancellationToken, id, when, zone, OccupancyLookBack);
        return TypedResults.Ok(new OccupancyMetrics(id, when, rows));
    }
}
