using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Api.Continuous;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Retention;

/// <summary>
/// Continuous recording's retention: per camera, the segments that ended more than continuous_retention_days ago
/// (<see cref="ContinuousOptions.DefaultRetentionDays"/> when null) and, when continuous_retention_bytes is set, the
/// oldest beyond that many bytes. Each object is deleted first, then the rows of the objects that went: an object
/// store outage stops the camera's round with its rows kept, and the next pass repeats (deleting a missing object
/// succeeds). Guarded by its own advisory lock, so one gateway at a time does it.
/// </summary>
public sealed partial class ContinuousRetentionPass(
    NpgsqlDataSource db, IClipObjects objects, IOptions<ContinuousOptions> options, TimeProvider time, ILogger<ContinuousRetentionPass> logger)
{
    /// <summary>"contretn" in ASCII.</summary>
    private const long LockKey = 0x636f6e747265746e;

    public async Task<ContinuousRetentionReport> RunAsync(CancellationToken cancellationToken) =>
        await AdvisoryLock.TryRunAsync(db, LockKey, () => RunLockedAsync(cancellationToken), cancellationToken) ?? new(0, 0, 0);

    private async Task<ContinuousRetentionReport> RunLockedAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var settings = options.Value;
        var allowance = settings.MaxSegmentsPerPass;
        int removed = 0, failed = 0;
        long bytes = 0;
        // Cameras that have segments; one deleted since keeps the default.
        var policies = await db.ListAsync(
            """
            SELECT s.camera_id, c.continuous_retention_days, c.continuous_retention_bytes
            FROM (SELECT DISTINCT camera_id FROM continuous_segments) s LEFT JOIN cameras c ON c.id = s.camera_id
            ORDER BY s.camera_id
            """,
            r => (CameraId: r.GetString(0), Days: r.IsDBNull(1) ? settings.DefaultRetentionDays : r.GetInt32(1), Bytes: r.IsDBNull(2) ? (long?)null : r.GetInt64(2)),
            cancellationToken);
        foreach (var (cameraId, days, budget) in policies)
        {
            if (allowance <= 0)
            {
                break;
            }

            var expired = await db.ListAsync(
                """
                SELECT start_at, object_key, bytes FROM (
                    SELECT start_at, end_at, object_key, bytes, sum(bytes) OVER (ORDER BY start_at DESC) AS newer_bytes
                    FROM continuous_segments WHERE camera_id = $1) s
                WHERE end_at < $2 OR ($3::bigint IS NOT NULL AND newer_bytes > $3)
                ORDER BY start_at LIMIT $4
                """,
                r => (Start: r.Time(0), Key: r.GetString(1), Bytes: r.GetInt64(2)),
                cancellationToken, cameraId, (time.GetUtcNow() - TimeSpan.FromDays(days)).UtcDateTime, budget, allowance);
            var gone = new List<DateTime>();
            long goneBytes = 0;
            foreach (var segment in expired)
            {
                try
                {
                    await objects.DeleteAsync(segment.Key, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogDeleteFailed(cameraId, segment.Key, e);
                    failed++;
                    break;
                }

                gone.Add(segment.Start.UtcDateTime);
                goneBytes += segment.Bytes;
            }

            if (gone.Count > 0)
            {
                await db.ListAsync("DELETE FROM continuous_segments WHERE camera_id = $1 AND start_at = ANY($2) RETURNING 1",
                    r => r.GetInt32(0), cancellationToken, cameraId, gone.ToArray());
                LogCamera(cameraId, gone.Count, goneBytes, days, budget);
            }

            removed += gone.Count;
            bytes += goneBytes;
            allowance -= expired.Count;
        }

        LogPass(removed, bytes, failed, elapsed.ElapsedMilliseconds);
        return new(removed, bytes, failed);
    }

    [LoggerMessage(EventId = 4221, Level = LogLevel.Information, Message = "Continuous retention removed {Segments} segments ({Bytes} bytes) of camera {CameraId} (keeps {Days} days, {Budget} bytes)")]
    private partial void LogCamera(string cameraId, int segments, long bytes, int days, long? budget);

    [LoggerMessage(EventId = 4222, Level = LogLevel.Information, Message = "Continuous retention pass removed {Segments} segments ({Bytes} bytes), {Failed} cameras left for the next pass, in {ElapsedMs} ms")]
    private partial void LogPass(int segments, long bytes, int failed, long elapsedMs);

    [LoggerMessage(EventId = 4223, Level = LogLevel.Warning, Message = "Continuous retention could not delete {Key} of camera {CameraId}; its rows stay for the next pass")]
    private partial void LogDeleteFailed(string cameraId, string key, Exception exception);
}
