using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Spool;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.LocalInfra;
using Platform.ObjectStorage;
using Platform.Testing;

namespace Platform.IntegrationTests.EdgeAgent;

[Collection(EdgeAgentCollection.Name)]
public sealed class ClipStorageTests(S3Fixture s3)
{
    [Fact]
    public async Task A_file_above_the_SDKs_multipart_threshold_is_uploaded_in_parts_with_its_content_type_and_metadata()
    {
        using var work = new TempDirectory("clip-storage");
        var bucket = $"multipart-{Guid.NewGuid():N}";
        using var client = s3.CreateClient();
        await client.CreateBucketAsync(bucket);
        var options = new S3Options
        {
            ServiceUrl = s3.Server.ServiceUrl.ToString(),
            Bucket = bucket,
            AccessKey = s3.Server.AccessKey,
            SecretKey = s3.Server.SecretKey,
        };
        // The MinIO SDK sends files of 5 MiB or more as multipart uploads in 16 MiB parts: this one needs two.
        var bytes = new byte[21 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(bytes);
        await File.WriteAllBytesAsync(Path.Combine(work.Path, "clip.mp4"), bytes);
        var entry = new SpoolEntry(work.Path, new SpoolManifest
        {
            State = SpoolState.Spooled,
            SpooledAt = DateTimeOffset.UtcNow,
            VideoFile = "clip.mp4",
            Clip = new ClipUploaded
            {
                MessageId = "m", OccurredAt = DateTimeOffset.UtcNow, ClipId = ClipId.From("clip-big"), CameraId = CameraId.From("cam"),
                AgentId = "a", RequestedStart = DateTimeOffset.UtcNow, RequestedEnd = DateTimeOffset.UtcNow, ActualStart = DateTimeOffset.UtcNow,
                ActualEnd = DateTimeOffset.UtcNow, DurationSeconds = 1, SizeBytes = bytes.Length, Sha256 = "abc", Container = "mp4",
                Bucket = bucket, Key = "clips/cam/2026/01/01/clip-big.mp4",
            },
        }, bytes.Length);
        using var agentClient = MinioClients.Create(options.Connection);

        await new ClipStorage(new MinioObjectUploader(agentClient, Options.Create(options))).UploadVideoAsync(entry, CancellationToken.None);

        Assert.Equal(bytes, await client.GetAsync(bucket, "clips/cam/2026/01/01/clip-big.mp4"));
        var stat = await client.StatAsync(bucket, "clips/cam/2026/01/01/clip-big.mp4");
        Assert.Equal("video/mp4", stat.ContentType);
        Assert.Equal("clip-big", stat.MetaData["clip-id"]);
        Assert.Equal("abc", stat.MetaData["sha256"]);
        // More than one part went up (s3rver logs every request; its ETags do not show the part count as S3's do).
        var log = await ReadSharedAsync(s3.Server.LogPath);
        var parts = log.Split('\n').Count(l => l.Contains("Stored part", StringComparison.Ordinal) && l.Contains(bucket, StringComparison.Ordinal));
        Assert.True(parts >= 2, $"expected part uploads in the server log, found {parts}:\n{string.Join('\n', log.Split('\n').TakeLast(12))}");
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
