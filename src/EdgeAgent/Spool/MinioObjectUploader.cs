using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Platform.EdgeAgent.Configuration;

namespace Platform.EdgeAgent.Spool;

/// <summary>
/// <see cref="IObjectUploader"/> on the MinIO SDK. The SDK sends files under 5 MiB in one PUT and larger ones as a
/// multipart upload in 16 MiB parts (a typical 15-60 s clip goes up as a one-part multipart upload: one request more
/// than a plain PUT; a real MinIO or S3 completes it as metadata, the local test server copies the part once).
/// </summary>
internal sealed class MinioObjectUploader(IMinioClient minio, IOptions<S3Options> options) : IObjectUploader
{
    private const string MetadataPrefix = "x-amz-meta-";

    private readonly string bucket = options.Value.Bucket;

    public Task UploadFileAsync(string path, string key, string contentType, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var headers = metadata.ToDictionary(m => MetadataPrefix + m.Key, m => m.Value, StringComparer.Ordinal);
        return minio.PutObjectAsync(new PutObjectArgs()
            .WithBucket(bucket)
            .WithObject(key)
            .WithFileName(path)
            .WithContentType(contentType)
            .WithHeaders(headers), cancellationToken);
    }
}
