using System.Globalization;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Npgsql;

namespace Platform.BrowserTests;

/// <summary>
/// Rows and objects the UI shows, written straight into the gateway's database and bucket: the tests exercise the
/// UI, not the endpoints that create cameras or the edge agent that uploads clips.
/// </summary>
internal static class Seed
{
    public static Task SiteAsync(GatewayHost host, string id, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO sites (id, name) VALUES ($1, $2)", id, name);

    public static Task CameraAsync(GatewayHost host, string id, string siteId, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO cameras (id, site_id, name) VALUES ($1, $2, $3)", id, siteId, name);

    public static Task SensorAsync(GatewayHost host, string id, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO sensors (id, name) VALUES ($1, $2)", id, name);

    public static Task OnlineStatusAsync(GatewayHost host, string cameraId, DateTimeOffset heartbeatAt) =>
        ExecuteAsync(host.Database,
            "INSERT INTO camera_status (camera_id, online, last_heartbeat_at, last_heartbeat_received_at, agent_id, connected, recording, cache_seconds, changed_at) "
            + "VALUES ($1, true, $2, $2, 'agent-1', true, false, 60, $2)",
            cameraId, heartbeatAt);

    /// <summary>Uploads <paramref name="clip"/> where edge agents put clips, adds its catalog row and returns the clip id.</summary>
    public static async Task<string> ClipAsync(GatewayHost host, string cameraId, TestClip clip, DateTimeOffset startAt)
    {
        var id = $"clip-{Guid.NewGuid():N}";
        var prefix = string.Create(CultureInfo.InvariantCulture, $"clips/{cameraId}/{startAt.UtcDateTime:yyyy/MM/dd}/{id}");
        using (var s3 = host.CreateS3Client())
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = host.Bucket, Key = prefix + ".mp4", FilePath = clip.VideoPath, ContentType = "video/mp4" });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = host.Bucket, Key = prefix + ".jpg", FilePath = clip.ThumbnailPath, ContentType = "image/jpeg" });
        }

        var bytes = await File.ReadAllBytesAsync(clip.VideoPath);
        var endAt = startAt + clip.Duration;
        await ExecuteAsync(host.Database,
            "INSERT INTO clips (id, camera_id, agent_id, requested_start, requested_end, start_at, end_at, start_clipped, duration_seconds, "
            + "size_bytes, sha256, container, bucket, object_key, thumbnail_key) "
            + "VALUES ($1, $2, 'agent-1', $3, $4, $3, $4, false, $5, $6, $7, 'mp4', $8, $9, $10)",
            id, cameraId, startAt, endAt, clip.Duration.TotalSeconds, (long)bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)),
            host.Bucket, prefix + ".mp4", prefix + ".jpg");
        return id;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql, params object[] arguments)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        await command.ExecuteNonQueryAsync();
    }
}
