using Platform.Gateway.Http;

namespace Platform.Gateway.Api.Clips;

/// <summary>
/// Decides whether the gateway may read or delete the objects a catalog row names. The catalog is written from
/// edge messages, so a row is data, not authority: the gateway touches only its own bucket, and only keys under
/// the clip's own camera prefix ("clips/{cameraId}/"), so that a forged or corrupt row cannot make it serve or
/// delete another camera's clips, other objects in the bucket, or anything in another bucket.
/// </summary>
public static class ClipObjectGuard
{
    /// <summary>Null when <paramref name="location"/> is safe; otherwise why not (for the warning log).</summary>
    public static string? Refusal(ClipLocation location, string configuredBucket)
    {
        if (!string.Equals(location.Bucket, configuredBucket, StringComparison.Ordinal))
        {
            return $"bucket '{location.Bucket}' is not the configured bucket";
        }

        if (!ResourceId.IsValid(location.CameraId))
        {
            return "camera id is not a valid id";
        }

        if (!IsUnderCamera(location.ObjectKey, location.CameraId))
        {
            return "object key is not a clip key of its camera";
        }

        return location.ThumbnailKey is { } thumbnail && !IsUnderCamera(thumbnail, location.CameraId)
            ? "thumbnail key is not a clip key of its camera"
            : null;
    }

    private static bool IsUnderCamera(string key, string cameraId)
    {
        var prefix = $"clips/{cameraId}/";
        return key.Length > prefix.Length
            && key.StartsWith(prefix, StringComparison.Ordinal)
            && !key.Contains("..", StringComparison.Ordinal)
            && !key.Contains("//", StringComparison.Ordinal)
            && !key.Contains('\\', StringComparison.Ordinal)
            && !key.Any(char.IsControl);
    }
}
