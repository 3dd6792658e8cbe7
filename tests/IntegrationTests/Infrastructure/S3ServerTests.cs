using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// What the platform relies on from the local S3 server, through the MinIO SDK the services use, signature checks
/// on. Several tests exist because stock s3rver 4.0.4 fails them; infra/s3rver/patches fixes it.
/// </summary>
[Collection(S3Collection.Name)]
public sealed class S3ServerTests(S3Fixture fixture)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task CreatedBucket_IsFoundByHeadBucket_AndAMissingOneIsNot()
    {
        using var s3 = fixture.CreateClient();
        var bucket = NewBucketName();

        await s3.CreateBucketAsync(bucket);

        Assert.True(await s3.Minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket)));
        Assert.False(await s3.Minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(NewBucketName())));
    }

    [Fact]
    public async Task HeadBucket_AnswersWithoutListingTheBucket()
    {
        // Patch 0004: stock s3rver served HEAD bucket through its list handler, which the SDK calls before every
        // stat and get; the server logs each listing it does.
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        await s3.PutAsync(bucket, "a.bin", [1]);
        var before = CountLogLines($"objects for bucket \"{bucket}\"");

        await s3.StatAsync(bucket, "a.bin");
        await s3.Minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket));

        Assert.Equal(before, CountLogLines($"objects for bucket \"{bucket}\""));
        Assert.Equal(["a.bin"], await s3.ListKeysAsync(bucket));
        Assert.Equal(before + 1, CountLogLines($"objects for bucket \"{bucket}\""));
    }

    [Fact]
    public async Task UploadOf20MB_GoesUpInParts_AndReadsBackByteIdentical()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(20 * MiB);

        await s3.PutAsync(bucket, "big.bin", content);

        var stored = await s3.GetAsync(bucket, "big.bin");
        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)), Convert.ToHexString(SHA256.HashData(stored)));
        Assert.True(CountLogLines("Stored part", bucket) >= 2, "the SDK uploads 20 MB in 16 MiB parts");
    }

    [Fact]
    public async Task PresignedGet_WithARange_ReturnsExactlyTheRequestedBytes()
    {
        // How the gateway reads ranges: the SDK's own ranged GetObject throws on 206 in 7.0.0.
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(MiB);
        await s3.PutAsync(bucket, "segment.ts", content);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, await s3.PresignGetAsync(bucket, "segment.ts"))
        {
            Headers = { Range = new RangeHeaderValue(1000, 204_999) },
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content.AsSpan(1000, 204_000).ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PresignedGetUrl_FetchedWithPlainHttp_ReturnsTheObject()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(64 * 1024);
        await s3.PutAsync(bucket, "clips/clip 1.mp4", content);
        var url = await s3.PresignGetAsync(bucket, "clips/clip 1.mp4");

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
        await s3.PutAsync(bucket, "clip.mp4", RandomNumberGenerator.GetBytes(1024));
        var url = await s3.PresignGetAsync(bucket, "clip.mp4");
        var tampered = ChangeOneSignatureCharacter(url);

        using var http = new HttpClient();
        using var genuine = await http.GetAsync(url);
        using var rejected = await http.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
    }

    [Fact]
    public async Task PresignedPut_StoresTheBody()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(2048);
        var url = await s3.Minio.PresignedPutObjectAsync(new PresignedPutObjectArgs().WithBucket(bucket).WithObject("up.bin").WithExpiry(60));

        using var http = new HttpClient();
        using var response = await http.PutAsync(url, new ByteArrayContent(content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await s3.GetAsync(bucket, "up.bin"));
    }

    [Fact]
    public async Task MissingObject_IsReportedAsNotFound()
    {
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);

        await Assert.ThrowsAsync<ObjectNotFoundException>(() => s3.StatAsync(bucket, "nothing.bin"));
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
        await s3.PutAsync(bucket, source, content);

        await s3.Minio.CopyObjectAsync(new CopyObjectArgs()
            .WithBucket(bucket).WithObject(destination)
            .WithCopyObjectSource(new CopySourceObjectArgs().WithBucket(bucket).WithObject(source)));

        Assert.Equal(content, await s3.GetAsync(bucket, destination));
    }

    [Fact]
    public async Task Listing_PagesThroughEveryKeyInOrder()
    {
        // Patch 0003: with the server's old XML namespace the SDK silently listed nothing. 1,005 keys need two pages.
        using var s3 = fixture.CreateClient();
        var bucket = await CreateBucketAsync(s3);
        var keys = Enumerable.Range(0, 1005).Select(i => $"segments/{i.ToString("D4", CultureInfo.InvariantCulture)}.ts").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, _) => await s3.PutAsync(bucket, key, [1, 2, 3]));
        await s3.PutAsync(bucket, "other/x.ts", [1]);

        var listed = await s3.ListKeysAsync(bucket, "segments/");

        Assert.Equal(keys, listed);
    }

    [Fact]
    public async Task StoppedServer_StartsAgainOnTheSamePortWithItsData()
    {
        await using var server = await S3Server.StartAsync();
        using var s3 = LocalS3Client.Create(server);
        var bucket = await CreateBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(4096);
        await s3.PutAsync(bucket, "kept.bin", content);
        var port = server.Port;

        await server.StopAsync();
        var listeningWhileStopped = await FreePort.IsListeningAsync(port);
        var runningWhileStopped = server.IsRunning;
        await server.StartAgainAsync();

        Assert.False(runningWhileStopped);
        Assert.False(listeningWhileStopped);
        Assert.True(server.IsRunning);
        Assert.Equal(port, server.Port);
        Assert.Equal(content, await s3.GetAsync(bucket, "kept.bin"));
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

    private static async Task<string> CreateBucketAsync(LocalS3Client s3)
    {
        var bucket = NewBucketName();
        await s3.CreateBucketAsync(bucket);
        return bucket;
    }

    private int CountLogLines(string text, string? alsoContaining = null)
    {
        using var stream = new FileStream(fixture.Server.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal)
            && (alsoContaining is null || l.Contains(alsoContaining, StringComparison.Ordinal)));
    }

    private static Uri ChangeOneSignatureCharacter(string url)
    {
        const string marker = "X-Amz-Signature=";
        var index = url.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        Assert.True(index >= marker.Length, $"No signature in {url}");
        var replacement = url[index] == '0' ? '1' : '0';
        return new Uri(string.Concat(url.AsSpan(0, index), replacement.ToString(), url.AsSpan(index + 1)));
    }
}
