using System.Globalization;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Spool;

/// <summary>
/// Puts a spooled clip's files into S3 with content types and metadata. A repeat upload writes the same key with
/// the same bytes, so retries are harmless.
/// </summary>
internal sealed class ClipStorage(IObjectUploader uploader)
{
    public Task UploadVideoAsync(SpoolEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var clip = entry.Manifest.Clip;
        return uploader.UploadFileAsync(entry.VideoPath, clip.Key, Clips.ClipKeys.ContentType(clip.Container), Metadata(clip), cancellationToken);
    }

    public Task UploadThumbnailAsync(SpoolEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var clip = entry.Manifest.Clip;
        return entry.ThumbnailPath is null || clip.ThumbnailKey is null
            ? Task.CompletedTask
            : uploader.UploadFileAsync(entry.ThumbnailPath, clip.ThumbnailKey, "image/jpeg", Metadata(clip), cancellationToken);
    }

    private static Dictionary<string, string> Metadata(ClipUploaded clip) => new(StringComparer.Ordinal)
    {
        ["clip-id"] = clip.ClipId.Value,
        ["camera-id"] = clip.CameraId.Value,
        ["agent-id"] = clip.AgentId,
        ["sha256"] = clip.Sha256,
        ["requested-start"] = UtcMillisecondsJsonConverter.ToWire(clip.RequestedStart),
        ["requested-end"] = UtcMillisecondsJsonConverter.ToWire(clip.RequestedEnd),
        ["actual-start"] = UtcMillisecondsJsonConverter.ToWire(clip.ActualStart),
        ["actual-end"] = UtcMillisecondsJsonConverter.ToWire(clip.ActualEnd),
        ["duration-seconds"] = clip.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
