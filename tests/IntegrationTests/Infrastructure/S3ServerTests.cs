using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// What the platform relies on from the local S3 server, through the real AWS SDK with signature checks on.
/// Several tests exist because stock s3rver 4.0.4 fails them; infra/s3rver/patches fixes it.
/// </summary>
[Collection(S3Collection.Name)]
public sealed class S3ServerTests(S3Fixture fixture)
{
    private const int MiB = 1024 * 1024;
    private const string Binary = "application/octet-stream";

    [Fact]
    public async Task CreatedBucket_IsFoundByHeadBucket_AndAMissingOneIsNot()
    {
        using var s3 = fixture.CreateClient();
        var bucket = NewBucketName();

        await s3.PutBucketAsync(bucket);

        var head = await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });
        Assert.Equal(HttpStatusCode.OK, head.HttpStatusCode);
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(
            () => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = NewBucketName() }));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task MultipartUploadOf20MB_ReadsBackByteIdentical()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(20 * MiB);
        const int partSize = 5 * MiB;

        var upload = await s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = "big.bin", ContentType = Binary });
        var parts = new List<PartETag>();
        for (var offset = 0; offset < content.Length; offset += partSize)
        {
            var partNumber = (offset / partSize) + 1;
            using var part = new MemoryStream(content, offset, Math.Min(partSize, content.Length - offset), writable: false);
            var uploaded = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = "big.bin",
                UploadId = upload.UploadId,
                PartNumber = partNumber,
                InputStream = part,
            });
            parts.Add(new PartETag(partNumber, uploaded.ETag));
        }

        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "big.bin",
            UploadId = upload.UploadId,
            PartETags = parts,
        });

        Assert.Equal(4, parts.Count);
        var stored = await GetBytesAsync(s3, bucket, "big.bin");
        Assert.Equal(content.Length, stored.Length);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)), Convert.ToHexString(SHA256.HashData(stored)));
    }

    [Fact]
    public async Task RangedGet_ReturnsExactlyTheRequestedBytes()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(MiB);
        await PutAsync(s3, bucket, "segment.ts", content);

        using var response = await s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = "segment.ts",
            ByteRange = new ByteRange(1000, 204_999),
        });
        var range = await ReadAllAsync(response.ResponseStream);

        Assert.Equal(HttpStatusCode.PartialContent, response.HttpStatusCode);
        Assert.Equal(content.AsSpan(1000, 204_000).ToArray(), range);
    }

    [Fact]
    public async Task PresignedGetUrl_FetchedWithPlainHttp_ReturnsTheObject()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(64 * 1024);
        await PutAsync(s3, bucket, "clips/clip 1.mp4", content);
        var url = await PresignGetAsync(s3, bucket, "clips/clip 1.mp4");

        using var http = new HttpClient();
        using var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TamperedPresignedUrl_IsRejectedWith403()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        await PutAsync(s3, bucket, "clip.mp4", RandomNumberGenerator.GetBytes(1024));
        var url = await PresignGetAsync(s3, bucket, "clip.mp4");
        var tampered = ChangeOneSignatureCharacter(url);

        using var http = new HttpClient();
        using var genuine = await http.GetAsync(url);
        using var rejected = await http.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
    }

    [Fact]
    public async Task AbortedMultipartUpload_CannotBeCompleted_AndLeavesNoObject()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var upload = await s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = "abandoned.bin", ContentType = Binary });
        using var part = new MemoryStream(RandomNumberGenerator.GetBytes(5 * MiB));
        var uploaded = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = "abandoned.bin",
            UploadId = upload.UploadId,
            PartNumber = 1,
            InputStream = part,
        });

        var abort = await s3.AbortMultipartUploadAsync(bucket, "abandoned.bin", upload.UploadId);

        Assert.Equal(HttpStatusCode.NoContent, abort.HttpStatusCode);
        var complete = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = "abandoned.bin",
                UploadId = upload.UploadId,
                PartETags = [new PartETag(1, uploaded.ETag)],
            }));
        Assert.Equal("NoSuchUpload", complete.ErrorCode);
        var get = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "abandoned.bin"));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task CopyObject_WithKeyNeedingUrlEncoding_CopiesTheBytes()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(32 * 1024);
        // Characters that decodeURI leaves encoded (+ & = : ; # ,) next to ones it decodes (space, ü).
        const string source = "clips/cam 1/2026-01-01T00:00:00+00:00 #1&x=y;a,b ü.mp4";
        const string destination = "archive/cam 1/copy +1.mp4";
        await PutAsync(s3, bucket, source, content);

        await s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = source,
            DestinationBucket = bucket,
            DestinationKey = destination,
            ContentType = Binary,
        });

        Assert.Equal(content, await GetBytesAsync(s3, bucket, destination));
    }

    [Fact]
    public async Task ListObjectsV2_PagesThroughEveryKeyInOrder()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var keys = Enumerable.Range(0, 25).Select(i => $"segments/{i.ToString("D3", CultureInfo.InvariantCulture)}.ts").ToList();
        foreach (var key in keys)
        {
            await PutAsync(s3, bucket, key, [1, 2, 3]);
        }

        var listed = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket,
                Prefix = "segments/",
                MaxKeys = 10,
                ContinuationToken = token,
            });
            pages++;
            listed.AddRange(page.S3Objects?.Select(o => o.Key) ?? []);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(keys, listed);
    }

    [Fact]
    public async Task StoppedServer_StartsAgainOnTheSamePortWithItsData()
    {
        await using var server = await S3Server.StartAsync();
        using var s3 = LocalS3Client.Create(server);
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(4096);
        await PutAsync(s3, bucket, "kept.bin", content);
        var port = server.Port;

        await server.StopAsync();
        var listeningWhileStopped = await FreePort.IsListeningAsync(port);
        var runningWhileStopped = server.IsRunning;
        await server.StartAgainAsync();

        Assert.False(runningWhileStopped);
        Assert.False(listeningWhileStopped);
        Assert.True(server.IsRunning);
        Assert.Equal(port, server.Port);
        Assert.Equal(content, await GetBytesAsync(s3, bucket, "kept.bin"));
    }

    [Fact]
    public async Task DisposedServer_LeavesNoProcessAndNoData()
    {
        var server = await S3Server.StartAsync();
        var pid = server.ProcessId ?? throw new InvalidOperationException("A started server has a process id.");
        var dataDirectory = server.DataDirectory;
        Assert.True(Directory.Exists($"/proc/{pid}"));

        await server.DisposeAsync();

        Assert.False(server.IsRunning);
        Assert.False(Directory.Exists($"/proc/{pid}"));
        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public async Task StartWithoutInstall_FailsNamingTheInstallStep()
    {
        using var emptyTools = new TempDirectory("no-tools");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => S3Server.StartAsync(new S3ServerOptions { ToolsDirectory = emptyTools.Path }));

        Assert.Contains("./platform test", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/install/s3rver.sh", error.Message, StringComparison.Ordinal);
    }

    private static string NewBucketName() => $"test-{Guid.NewGuid():N}";

    private static async Task<string> CreateBucketAsync(AmazonS3Client s3)
    {
        var bucket = NewBucketName();
        await s3.PutBucketAsync(bucket);
        return bucket;
    }

    private static async Task PutAsync(AmazonS3Client s3, string bucket, string key, byte[] content)
    {
        using var body = new MemoryStream(content, writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = body,
            ContentType = Binary,
        });
    }

    private static async Task<byte[]> GetBytesAsync(AmazonS3Client s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        return await ReadAllAsync(response.ResponseStream);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Task<string> PresignGetAsync(AmazonS3Client s3, string bucket, string key) =>
        s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            // The local server speaks plain HTTP; the SDK presigns https unless told.
            Protocol = Protocol.HTTP,
            Expires = TimeProvider.System.GetUtcNow().AddMinutes(5).UtcDateTime,
        });

    private static Uri ChangeOneSignatureCharacter(string url)
    {
        const string marker = "X-Amz-Signature=";
        var index = url.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        Assert.True(index >= marker.Length, $"No signature in {url}");
        var replacement = url[index] == '0' ? '1' : '0';
        return new Uri(string.Concat(url.AsSpan(0, index), replacement.ToString(), url.AsSpan(index + 1)));
    }
}
