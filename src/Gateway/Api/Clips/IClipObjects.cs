namespace Platform.Gateway.Api.Clips;

/// <summary>The clip bucket, for keys that <see cref="ClipObjectGuard"/> has accepted: presign, read a range, delete.</summary>
public interface IClipObjects
{
    string Bucket { get; }

    /// <summary>
    /// A GET URL valid for <c>S3:PresignedUrlLifetime</c>, answering with <paramref name="contentType"/>, and as an
    /// attachment named <paramref name="downloadName"/> when one is given (browsers ignore the download attribute of
    /// a link to another origin, so only the object store's Content-Disposition makes them save the file).
    /// </summary>
    Task<PresignedUrl> PresignGetAsync(string key, string contentType, string? downloadName = null);

    /// <summary>Length, ETag and modification time, or null when the object is missing.</summary>
    Task<ObjectInfo?> InfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>Copies the bytes <paramref name="from"/>..<paramref name="to"/> (inclusive) to <paramref name="destination"/> as they arrive.</summary>
    Task CopyRangeAsync(string key, long from, long to, Stream destination, CancellationToken cancellationToken);

    /// <summary>Deleting a key that is already gone succeeds (S3 semantics), which makes clip removal idempotent.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Throws, saying why, unless the bucket exists and the store answers.</summary>
    Task CheckBucketAsync(CancellationToken cancellationToken);
}

/// <summary>What the gateway needs to know about an object before streaming it.</summary>
public sealed record ObjectInfo(long Length, string? ETag, DateTimeOffset? LastModified);
