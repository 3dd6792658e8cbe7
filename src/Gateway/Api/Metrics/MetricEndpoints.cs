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

    public static void MapMetricEndpoints(this RouteGroupBuilder api)
    {
        var metrics = api.MapGroup("/sensors/{id}/metrics").WithTags("Metrics");
        metrics.MapGet("/traffic", TrafficAsync);
        metrics.MapGet("/occupancy", OccupancyAsync);
    }

    private static async Task<Results<Ok<TrafficMetrics>, ValidationProblem, NotFound>> TrafficAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, string id, DateTimeOffset? from, DateTimeOffset? to, string? zone,
        string? className, string? bucket, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var end = to ?? clock.GetUtcNow();
        // A 'to' within an hour of DateTimeOffset.MinValue has no hour before it (AddHours would throw: a 500).
        var start = from ?? (end > DateTimeOffset.MinValue.AddHours(1) ? end.AddHours(-1) : DateTimeOffset.MinValue);
        if (start >= end)
        {
            errors.Add("from", "Must be before 'to'.");
        }

        var bucketText = bucket ?? "1m";
        if (!BucketSize.TryParse(bucketText, out var size))
        {
            errors.Add("bucket", "A count and a unit m, h or d, at most 31 days: 1m, 15m, 1h, 1d.");
        }
        else if ((end - start) / size > MaxBuckets)
        {
            errors.Add("bucket", $"The range would have more than {MaxBuckets} buckets; use a larger bucket or a shorter range.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await SensorEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var rows = await db.ListAsync(
            """
            SELECT zone_id, date_bin($5, minute, $2) AS bucket, sum(entries), sum(exits), max(max_present)
            FROM traffic_counts
            WHERE sensor_id = $1 AND minute >= $2 AND minute < $3 AND ($4::text IS NULL OR zone_id = $4) AND ($6::text IS NULL OR class = $6)
            GROUP BY zone_id, bucket ORDER BY zone_id, bucket
            """,
            r => new TrafficBucket(r.GetString(0), r.Time(1), r.GetInt64(2), r.GetInt64(3), r.GetInt32(4)),
            cancellationToken, id, start, end, zone, size, className);
        return TypedResults.Ok(new TrafficMetrics(id, start, end, bucketText, rows));
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
            WHERE sensor_id = $1 AND minute <= $2 AND minute > $2 - $4::interval AND ($3::text IS NULL OR zone_id = $3)
            ORDER BY zone_id, class, minute DESC
            """,
            r => new ZoneOccupancy(r.GetString(0), r.GetString(1), r.GetInt32(2), r.Time(3)),
            cancellationToken, id, when, zone, OccupancyLookBack);
        return TypedResults.Ok(new OccupancyMetrics(id, when, rows));
    }
}
