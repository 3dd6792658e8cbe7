using Npgsql;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Continuous;

/// <summary>Reads continuous_segments.</summary>
public static class ContinuousCatalog
{
    /// <summary>The camera's segments that overlap <paramref name="range"/> (a segment reaching into it from either side counts), oldest first.</summary>
    public static Task<List<CatalogSegment>> OverlappingAsync(NpgsqlDataSource db, string cameraId, TimeRange range, CancellationToken cancellationToken) =>
        db.ListAsync(
            """
            SELECT start_at, end_at, object_key, bytes FROM continuous_segments
            WHERE camera_id = $1 AND start_at < $3 AND end_at > $2
              -- Bounds the index scan: no segment is an hour long (they are seconds; the first after a connect a little longer).
              AND start_at > $2::timestamptz - interval '1 hour'
            ORDER BY start_at
            """,
            r => new CatalogSegment(r.Time(0), r.Time(1), r.GetString(2), r.GetInt64(3)),
            cancellationToken, cameraId, range.From.UtcDateTime, range.To.UtcDateTime);
}
