using System.Globalization;

namespace Platform.GatewayTesting;

/// <summary>A clip catalog row as the silo would write it; the defaults make a valid row under the camera's prefix.</summary>
public sealed record TestClip(string Id, string CameraId, DateTimeOffset StartAt)
{
    public static readonly DateTimeOffset Noon = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    public string? SessionId { get; init; }

    public string? RuleId { get; init; }

    public long SizeBytes { get; init; } = 1000;

    public string Sha256 { get; init; } = new('0', 64);

    public string Container { get; init; } = "mp4";

    /// <summary>Null: the host's bucket.</summary>
    public string? Bucket { get; init; }

    public string ObjectKey { get; init; } = KeyOf(CameraId, Id, StartAt, "mp4");

    public string? ThumbnailKey { get; init; }

    public string DefaultThumbnailKey => KeyOf(CameraId, Id, StartAt, "jpg");

    /// <summary>The edge agent's layout: clips/{cameraId}/{yyyy}/{MM}/{dd}/{clipId}.{ext}.</summary>
    public static string KeyOf(string cameraId, string clipId, DateTimeOffset start, string extension) =>
        $"clips/{cameraId}/{start.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture)}/{clipId}.{extension}";
}
