using Microsoft.Extensions.DependencyInjection;
using Platform.EdgeAgent.Continuous;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.EdgeAgent;

/// <summary>Continuous recording end to end: real RTSP camera, ffmpeg, S3 server and embedded broker.</summary>
[Collection(EdgeAgentCollection.Name)]
public sealed class ContinuousRecordingTests(KafkaFixture kafka, S3Fixture s3, EdgeCameraFixture camera, ITestOutputHelper output)
{
    private Task<EdgeAgentHarness> StartAsync(string mount, string cameraId) =>
        EdgeAgentHarness.StartAsync(kafka, s3, output, [new TestCamera(cameraId, camera.Server.Url(mount).AbsoluteUri)],
            new Dictionary<string, string?> { ["EdgeAgent:Cameras:0:Continuous"] = "true" });

    [Fact]
    public async Task A_continuous_camera_uploads_contiguous_segments_under_their_keys_and_announces_each_once()
    {
        await using var agent = await StartAsync("cam1", "hall");

        await Eventually.WaitAsync(() => agent.Segments.Count >= 5, TimeSpan.FromSeconds(45), "5 segments announced");

        var announced = agent.Segments.OrderBy(s => s.Start).Take(5).ToList();
        Assert.Equal(announced.Count, announced.Select(s => s.MessageId).Distinct().Count());
        foreach (var segment in announced)
        {
            Assert.Equal(ContinuousObjectKeys.Key(CameraId.From("hall"), segment.Start, segment.End), segment.ObjectKey);
            Assert.Equal(("hall", "test-agent"), (segment.CameraId.Value, segment.AgentId));
            var head = await agent.HeadObjectAsync(segment.ObjectKey);
            Assert.Equal(segment.Bytes, head.Size);
            Assert.Equal(ContinuousObjectKeys.ContentType, head.ContentType);
        }

        // One after the other, as the recorder closed them: no gap, no overlap beyond a frame.
        foreach (var (earlier, later) in announced.Zip(announced.Skip(1)))
        {
            Assert.InRange((later.Start - earlier.End).TotalSeconds, -0.05, 0.5);
        }

        // A segment decodes on its own (it starts on a keyframe).
        var file = agent.WriteFile("segment.mkv", await agent.GetObjectAsync(announced[^1].ObjectKey));
        await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-xerror", "-i", file, "-f", "null", "-"], TimeSpan.FromSeconds(30));

        await Eventually.WaitAsync(() => agent.Statuses.Any(s => s.Cameras.Any(c => c.Continuous && c.UploadedThrough >= announced[^1].End)),
            TimeSpan.FromSeconds(10), "a heartbeat reporting continuous recording uploaded through the fifth segment");
    }

    [Fact]
    public async Task Segments_wait_in_the_spool_through_an_S3_outage_and_an_agent_restart_then_are_all_uploaded_once()
    {
        await using var agent = await StartAsync("cam2", "yard");
        await Eventually.WaitAsync(() => agent.Segments.Count >= 1, TimeSpan.FromSeconds(45), "a first segment announced");
        var spool = agent.Services.GetRequiredService<SegmentSpool>();
        List<string> waitingBeforeRestart;
        try
        {
            await s3.Server.StopAsync();
            await Eventually.WaitAsync(() => spool.Count >= 4, TimeSpan.FromSeconds(30), "4 segments waiting in the spool");
            var announcedDuringOutage = agent.Segments.Count;

            // The device restarts while S3 is down: the segments on disk are found again.
            await agent.StopAgentAsync();
            waitingBeforeRestart = [.. Directory.GetFiles(Path.Combine(agent.SpoolDirectory, SegmentSpool.DirectoryName, "yard")).Select(f => Path.GetFileName(f))];
            Assert.True(waitingBeforeRestart.Count >= 4, $"{waitingBeforeRestart.Count} segments on disk");
            await agent.StartAgentAsync();
            Assert.True(agent.Services.GetRequiredService<SegmentSpool>().Count >= waitingBeforeRestart.Count);
            // At most the upload in flight when S3 went away was announced since.
            Assert.InRange(agent.Segments.Count, announcedDuringOutage, announcedDuringOutage + 2);
        }
        finally
        {
            await s3.Server.StartAgainAsync();
        }

        var restarted = agent.Services.GetRequiredService<SegmentSpool>();
        var expected = waitingBeforeRestart.Select(f => ContinuousSegmentUploaded.MessageIdFor(CameraId.From("yard"),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(f.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        await Eventually.WaitAsync(() => expected.All(id => agent.Segments.Any(s => s.MessageId == id)), TimeSpan.FromSeconds(60),
            "every segment spooled during the outage to be announced");
        await Eventually.WaitAsync(() => restarted.Count <= 1, TimeSpan.FromSeconds(30), "the spool to drain");

        // Nothing twice: each announcement once, and one object per announcement.
        var announced = agent.Segments;
        Assert.Equal(announced.Count, announced.Select(s => s.MessageId).Distinct().Count());
        var keys = (await agent.ListKeysAsync()).Where(k => k.StartsWith("continuous/yard/", StringComparison.Ordinal)).ToHashSet();
        Assert.Superset(announced.Select(s => s.ObjectKey).ToHashSet(), keys);
        Assert.InRange(keys.Count - announced.Count, 0, 1); // an upload may have finished before its announcement is read
        Assert.Equal(0, agent.Telemetry.ContinuousEvictions);
    }
}
