using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Platform.Gateway.Configuration;

namespace Platform.Gateway.Api.Clips;

/// <summary>The clip bucket, for keys that <see cref="ClipObjectGuard"/> has accepted: presign, read a range, delete.</summary>
public sealed class ClipObjects(IAmazonS3 s3, IOptions<S3StorageOptions> options, TimeProvider time)
{
    private readonly S3StorageOptions settings = options.Value;

    public string Bucket => settings.Bucket;

    /// <summary>A GET URL valid for <see cref="S3StorageOptions.PresignedUrlLifetime"/>, answering with <paramref name="contentType"/>.</summary>
    public Task<string> PresignGetAsync(string key, string contentType) =>
        s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = settings.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            // The SDK presigns https unless told; a local MinIO or test server speaks http.
            Protocol = settings.ServiceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
            Expires = (time.GetUtcNow() + settings.PresignedUrlLifetime).UtcDateTime,
            ResponseHeaderOverrides = { ContentType = contentType },
        });

    /// <summary>Length, ETag and modification time, or null when the object is missing.</summary>
    public async Task<ObjectInfo?> InfoAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = settings.Bucket, Key = key }, cancellationToken);
            return new(head.ContentLength, head.ETag, head.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : null);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The bytes <paramref name="from"/>..<paramref name="to"/> (inclusive); the caller disposes the response.</summary>
    public Task<GetObjectResponse> ReadAsync(string key, long from, long to, CancellationToken cancellationToken) =>
        s3.GetObjectAsync(new GetObjectRequest { BucketName = settings.Bucket, Key = key, ByteRange = new ByteRange(from, to) }, cancellationToken);

    /// <summary>Deleting a key that is already gone succeeds (S3 semantics), which makes clip removal idempotent.</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = settings.Bucket, Key = key }, cancellationToken);
}

/// <summary>What the gateway needs to know about an object before streaming it.</summary>
public sealed record ObjectInfo(long Length, string? ETag, DateTimeOffset? LastModified);
