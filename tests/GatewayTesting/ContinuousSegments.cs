using System.Globalization;
using Npgsql;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Testing;

namespace Platform.GatewayTesting;

/// <summary>Real 2-second Matroska segments (H.264, a keyframe each second) as the agent's recorder cuts them, uploaded and catalogued as the silo would.</summary>
public sealed class ContinuousSegments(GatewayHost host)
{
    public const int SegmentSeconds = 2;

    private static readonly Lazy<Task<IReadOnlyList<byte[]>>> Files = new(MakeAsync);

    /// <summary>Uploads <paramref name="count"/> consecutive segments starting at <paramref name="start"/> and inserts their rows.</summary>
    public async Task AddAsync(string cameraId, DateTimeOffset start, int count)
    {
        var files = await Files.Value;
        var store = new ClipStore(host);
        for (var i = 0; i < count; i++)
        {
            var from = start.AddSeconds(i * SegmentSeconds);
            var to = from.AddSeconds(SegmentSeconds);
            var key = ContinuousObjectKeys.Key(CameraId.From(cameraId), from, to);
            var bytes = files[i % files.Count];
            await store.PutAsync(key, bytes, ContinuousObjectKeys.ContentType);
            await InsertRowAsync(cameraId, from, to, key, bytes.Length);
        }
    }

    public async Task InsertRowAsync(string cameraId, DateTimeOffset start, DateTimeOffset end, string key, long bytes)
    {
        await using var command = host.Database.CreateCommand(
            "INSERT INTO continuous_segments (camera_id, start_at, end_at, object_key, bytes, agent_id) VALUES ($1, $2, $3, $4, $5, 'agent-1')");
        foreach (var value in new object[] { cameraId, start.UtcDateTime, end.UtcDateTime, key, bytes })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> RowCountAsync(string cameraId)
    {
        await using var command = host.Database.CreateCommand("SELECT count(*) FROM continuous_segments WHERE camera_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = cameraId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<IReadOnlyList<byte[]>> MakeAsync()
    {
        var directory = Directory.CreateTempSubdirectory("continuous-segments-");
        try
        {
            await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "8",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "25", "-f", "segment", "-segment_time", SegmentSeconds.ToString(CultureInfo.InvariantCulture),
                "-segment_format", "matroska", "-reset_timestamps", "1", Path.Combine(directory.FullName, "s%03d.mkv")], TimeSpan.FromSeconds(60));
            return [.. Directory.GetFiles(directory.FullName, "s*.mkv").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
