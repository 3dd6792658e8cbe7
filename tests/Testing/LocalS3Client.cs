using Minio;
using Minio.DataModel;
using Minio.DataModel.Args;
using Platform.LocalInfra;
using Platform.ObjectStorage;

namespace Platform.Testing;

/// <summary>
/// The MinIO SDK client for a local S3 server, built the way the services build theirs, with the few whole-object
/// operations tests use to seed and check buckets.
/// </summary>
public sealed class LocalS3Client(IMinioClient minio) : IDisposable
{
    public IMinioClient Minio => minio;

    public static LocalS3Client Create(S3Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new(MinioClients.Create(server.Connection));
    }

    public Task CreateBucketAsync(string bucket) => minio.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket));

    public async Task PutAsync(string bucket, string key, byte[] content, string contentType = "application/octet-stream")
    {
        ArgumentNullException.ThrowIfNull(content);
        using var body = new MemoryStream(content, writable: false);
        await minio.PutObjectAsync(new PutObjectArgs().WithBucket(bucket).WithObject(key)
            .WithStreamData(body).WithObjectSize(content.Length).WithContentType(contentType));
    }

    public async Task<byte[]> GetAsync(string bucket, string key)
    {
        using var buffer = new MemoryStream();
        await minio.GetObjectAsync(new GetObjectArgs().WithBucket(bucket).WithObject(key)
            .WithCallbackStream((stream, token) => stream.CopyToAsync(buffer, token)));
        return buffer.ToArray();
    }

    public Task<ObjectStat> StatAsync(string bucket, string key) =>
        minio.StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(key));

    public async Task<IReadOnlyList<string>> ListKeysAsync(string bucket, string prefix = "")
    {
        var keys = new List<string>();
        await foreach (var item in minio.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithPrefix(prefix).WithRecursive(true)))
        {
            keys.Add(item.Key);
        }

        return keys;
    }

    public Task<string> PresignGetAsync(string bucket, string key, TimeSpan? lifetime = null) =>
        minio.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(bucket).WithObject(key)
            .WithExpiry((int)(lifetime ?? TimeSpan.FromMinutes(5)).TotalSeconds));

    public void Dispose() => minio.Dispose();
}
