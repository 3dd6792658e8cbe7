using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Retention;

/// <summary>
/// One retention pass: for every camera with a policy, plan with <see cref="RetentionPlanner"/> and remove what it
/// says through <see cref="ClipRemoval"/> (objects first, then the row). Gateways run it concurrently, so a pass
/// first takes a PostgreSQL advisory lock and is skipped when another gateway holds it; even without the lock a
/// double removal is harmless (deleting a missing object succeeds, and only one DELETE of the row counts).
/// </summary>
public sealed partial class RetentionPass(
    NpgsqlDataSource db, ClipRemoval removal, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionPass> logger)
{
    /// <summary>The advisory lock key: "retention" in ASCII, unlikely to meet another user of advisory locks.</summary>
    private const long LockKey = 0x726574656e74696f;

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        if (await AdvisoryLock.TryRunAsync(db, LockKey, () => RunLockedAsync(cancellationToken), cancellationToken) is { } report)
        {
            return report;
        }

        LogSkipped();
        return new(true, []);
    }

    private async Task<RetentionReport> RunLockedAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var allowance = options.Value.MaxClipsPerPass;
        var reports = new List<CameraRetentionReport>();
        var policies = await db.ListAsync(
            "SELECT id, retention_days, retention_bytes FROM cameras WHERE retention_days > 0 OR retention_bytes > 0 ORDER BY id",
            r => new RetentionPolicy(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt64(2)),
            cancellationToken);
        foreach (var policy in policies)
        {
            if (allowance == 0)
            {
                LogAllowanceSpent(options.Value.MaxClipsPerPass);
                break;
            }

            var clips = await db.ListAsync(
                "SELECT id, camera_id, bucket, object_key, thumbnail_key, start_at, size_bytes FROM clips WHERE camera_id = $1",
                r => new RetentionCandidate(new ClipLocation(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4)),
                    r.Time(5), r.GetInt64(6)),
                cancellationToken, policy.CameraId);
            var decisions = RetentionPlanner.Plan(policy, clips, now).Take(allowance).ToList();
            if (decisions.Count == 0)
            {
                continue;
            }

            var report = await RemoveAsync(policy, decisions, cancellationToken);
            allowance -= report.Clips + report.Failed;
            reports.Add(report);
            LogCamera(policy.CameraId, report.Clips, report.Bytes, report.Aged, policy.Days, report.OverBudget, policy.Bytes, report.Failed);
        }

        var result = new RetentionReport(false, reports);
        LogPass(result.Clips, result.Bytes, reports.Count, elapsed.ElapsedMilliseconds);
        return result;
    }

    private async Task<CameraRetentionReport> RemoveAsync(RetentionPolicy policy, List<RetentionDecision> decisions, CancellationToken cancellationToken)
    {
        int clips = 0, aged = 0, overBudget = 0, failed = 0;
        long bytes = 0;
        foreach (var decision in decisions)
        {
            try
            {
                // False: another gateway or a DELETE request removed it meanwhile; not ours to count.
                if (!await removal.RemoveAsync(decision.Clip.Location, cancellationToken))
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The object store or database is failing: stop this camera, keep its row (the objects may be half
                // deleted; the next pass repeats the removal), and try the next camera.
                LogRemoveFailed(decision.Clip.Location.Id, policy.CameraId, e);
                failed++;
                break;
            }

            clips++;
            bytes += decision.Clip.SizeBytes;
            _ = decision.Reason == RetentionReason.Age ? aged++ : overBudget++;
        }

        return new(policy.CameraId, clips, bytes, aged, overBudget, failed);
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information,
        Message = "Retention removed {Clips} clips ({Bytes} bytes) of camera {CameraId}: {Aged} older than {Days} days, {OverBudget} beyond {Budget} bytes; {Failed} failed")]
    private partial void LogCamera(string cameraId, int clips, long bytes, int aged, int? days, int overBudget, long? budget, int failed);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Retention pass removed {Clips} clips ({Bytes} bytes) of {Cameras} cameras in {ElapsedMs} ms")]
    private partial void LogPass(int clips, long bytes, int cameras, long elapsedMs);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Retention pass skipped: another gateway holds the retention lock")]
    private partial void LogSkipped();

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "Retention pass stopped after {Max} clips; the next pass continues")]
    private partial void LogAllowanceSpent(int max);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "Retention could not remove clip {ClipId} of camera {CameraId}; will retry next pass")]
    private partial void LogRemoveFailed(string clipId, string cameraId, Exception exception);
}
