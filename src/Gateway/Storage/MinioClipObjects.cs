using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Configuration;

namespace Platform.Gateway.Storage;

/// <summary>
/// <see cref="IClipObjects"/> on the MinIO SDK. Byte ranges are read through a presigned GET with a Range header:
/// the SDK's own ranged GetObject throws <c>PartialContentException</c> on every 206 in 7.0.0, and the presigned
/// request streams the body straight through instead of the SDK's callback.
/// </summary>
public sealed class MinioClipObjects(IMinioClient minio, IHttpClientFactory httpClients, IOptions<S3StorageOptions> options, TimeProvider time)
    : IClipObjects
{
    /// <summary>The named HttpClient that reads ranges.</summary>
    public const string RangeClient = "s3-ranges";

    // Only the gateway itself uses range URLs, at once: a short life keeps a leaked one useless.
    private static readonly TimeSpan RangeUrlLifetime = TimeSpan.FromMinutes(1);

    private readonly S3StorageOptions settings = options.Value;

    public string Bucket => settings.Bucket;

    public async Task<PresignedUrl> PresignGetAsync(string key, string contentType, string? downloadName = null)
    {
        var signedAt = time.GetUtcNow();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["response-content-type"] = contentType };
        if (downloadName is not null)
        {
            headers["response-content-disposition"] = new ContentDispositionHeaderValue("attachment") { FileName = downloadName }.ToString();
        }

        var url = await PresignAsync(key, settings.PresignedUrlLifetime, headers, signedAt);
        return new PresignedUrl(url, signedAt + ExpirySeconds(settings.PresignedUrlLifetime));
    }

    public async Task<ObjectInfo?> InfoAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var stat = await minio.StatObjectAsync(new StatObjectArgs().WithBucket(settings.Bucket).WithObject(key), cancellationToken);
            var modified = stat.LastModified == default ? (DateTimeOffset?)null : new DateTimeOffset(stat.LastModified.ToUniversalTime());
            return new(stat.Size, QuotedETag(stat.ETag), modified);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    public async Task CopyRangeAsync(string key, long from, long to, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var url = await PresignAsync(key, RangeUrlLifetime, headers: null, time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(from, to) } };
        using var response = await httpClients.CreateClient(RangeClient).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            throw new HttpRequestException(
                $"S3 answered {(int)response.StatusCode} to a ranged GET of {settings.Bucket}/{key} (bytes {from}-{to}); expected 206.",
                inner: null, response.StatusCode);
        }

        await response.Content.CopyToAsync(destination, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(settings.Bucket).WithObject(key), cancellationToken);

    public async Task CheckBucketAsync(CancellationToken cancellationToken)
    {
        if (!await minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(settings.Bucket), cancellationToken))
        {
            throw new InvalidOperationException($"The bucket '{settings.Bucket}' does not exist.");
        }
    }

    private Task<string> PresignAsync(string key, TimeSpan lifetime, Dictionary<string, string>? headers, DateTimeOffset signedAt)
    {
        var args = new PresignedGetObjectArgs()
            .WithBucket(settings.Bucket)
            .WithObject(key)
            .WithExpiry((int)ExpirySeconds(lifetime).TotalSeconds)
            // Signed at the gateway's clock, so expiry follows the same TimeProvider as everything else.
            .WithRequestDate(signedAt.UtcDateTime);
        if (headers is not null)
        {
            args = args.WithHeaders(headers);
        }

        return minio.PresignedGetObjectAsync(args);
    }

    // S3 signs whole seconds of validity.
    private static TimeSpan ExpirySeconds(TimeSpan lifetime) => TimeSpan.FromSeconds(Math.Ceiling(lifetime.TotalSeconds));

    // HTTP entity tags are quoted; the SDK hands them over bare.
    private static string? QuotedETag(string? etag) =>
        string.IsNullOrEmpty(etag) || etag.StartsWith('"') ? etag : $"\"{etag}\"";
}
