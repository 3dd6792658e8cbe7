using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Spool;

/// <summary>
/// Puts a spooled clip's files into S3 with content types and metadata; files at or above the multipart
/// threshold go up in parts through <see cref="TransferUtility"/>. A repeat upload writes the same key with the
/// same bytes, so retries are harmless.
/// </summary>
internal sealed class ClipStorage(IAmazonS3 s3, IOptions<S3Options> options)
{
    private readonly S3Options settings = options.Value;

    public Task UploadVideoAsync(SpoolEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var clip = entry.Manifest.Clip;
        return UploadAsync(entry.VideoPath, clip.Key, Clips.ClipKeys.ContentType(clip.Container), Metadata(clip), cancellationToken);
    }

    public Task UploadThumbnailAsync(SpoolEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var clip = entry.Manifest.Clip;
        return entry.ThumbnailPath is null || clip.ThumbnailKey is null
            ? Task.CompletedTask
            : UploadAsync(entry.ThumbnailPath, clip.ThumbnailKey, "image/jpeg", Metadata(clip), cancellationToken);
    }

    private async Task UploadAsync(string path, string key, string contentType, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length >= settings.MultipartThresholdBytes)
        {
            using var transfer = new TransferUtility(s3, new TransferUtilityConfig { MinSizeBeforePartUpload = settings.MultipartThresholdBytes });
            var request = new TransferUtilityUploadRequest
            {
                BucketName = settings.Bucket,
                Key = key,
                FilePath = path,
                ContentType = contentType,
                PartSize = settings.PartSizeBytes,
            };
            foreach (var (name, value) in metadata)
            {
                request.Metadata[name] = value;
            }

            await transfer.UploadAsync(request, cancellationToken);
            return;
        }

        var put = new PutObjectRequest
        {
            BucketName = settings.Bucket,
            Key = key,
            FilePath = path,
            ContentType = contentType,
        };
        foreach (var (name, value) in metadata)
        {
            put.Metadata[name] = value;
        }

        await s3.PutObjectAsync(put, cancellationToken);
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
