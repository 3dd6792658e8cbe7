using System.Security.Cryptography;
using Npgsql;

namespace Platform.GatewayTesting;

/// <summary>Seeds what the silo and the edge agent would have produced: sites and cameras, catalog rows, objects in S3.</summary>
public sealed class ClipStore(GatewayHost host)
{
    public async Task AddCameraAsync(string cameraId, string? siteId = null, int? retentionDays = null, long? retentionBytes = null)
    {
        if (siteId is not null)
        {
            await ExecuteAsync("INSERT INTO sites (id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING", siteId);
        }

        await ExecuteAsync("INSERT INTO cameras (id, site_id, name, retention_days, retention_bytes) VALUES ($1, $2, $1, $3, $4)",
            cameraId, siteId, retentionDays, retentionBytes);
    }

    public Task InsertAsync(TestClip clip) => ExecuteAsync(
        """
        INSERT INTO clips (id, camera_id, session_id, rule_id, sensor_id, command_id, agent_id, requested_start, requested_end,
                           start_at, end_at, start_clipped, duration_seconds, size_bytes, sha256, container, bucket, object_key, thumbnail_key)
        VALUES ($1, $2, $3, $4, 'sensor-1', 'cmd-1', 'agent-1', $5, $6, $5, $6, false, 10, $7, $8, $9, $10, $11, $12)
        """,
        clip.Id, clip.CameraId, clip.SessionId, clip.RuleId, clip.StartAt.UtcDateTime, clip.StartAt.AddSeconds(10).UtcDateTime,
        clip.SizeBytes, clip.Sha256, clip.Container, clip.Bucket ?? host.Bucket, clip.ObjectKey, clip.ThumbnailKey);

    /// <summary>Uploads <paramref name="video"/> (and a thumbnail) under the clip's keys and inserts its row with the real size and hash.</summary>
    public async Task<TestClip> UploadAsync(TestClip clip, byte[] video, byte[]? thumbnail = null)
    {
        clip = clip with
        {
            SizeBytes = video.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(video)),
            ThumbnailKey = thumbnail is null ? null : clip.DefaultThumbnailKey,
        };
        await PutAsync(clip.ObjectKey, video, clip.Container == "mkv" ? "video/x-matroska" : "video/mp4");
        if (thumbnail is not null)
        {
            await PutAsync(clip.ThumbnailKey!, thumbnail, "image/jpeg");
        }

        await InsertAsync(clip);
        return clip;
    }

    public async Task PutAsync(string key, byte[] bytes, string contentType, string? bucket = null)
    {
        using var s3 = host.CreateS3Client();
        await s3.PutAsync(bucket ?? host.Bucket, key, bytes, contentType);
    }

    public async Task<bool> ObjectExistsAsync(string key, string? bucket = null)
    {
        using var s3 = host.CreateS3Client();
        return (await s3.ListKeysAsync(bucket ?? host.Bucket, key)).Contains(key);
    }

    public async Task<bool> RowExistsAsync(string clipId)
    {
        await using var command = host.Database.CreateCommand("SELECT 1 FROM clips WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = clipId });
        return await command.ExecuteScalarAsync() is not null;
    }

    private async Task ExecuteAsync(string sql, params object?[] arguments)
    {
        await using var command = host.Database.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
