using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Json;
using Platform.EdgeAgent.Spool;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.EdgeAgent;

/// <summary>
/// The edge agent end to end inside one process: real RTSP camera, real ffmpeg, real S3 server, embedded broker.
/// Windows are short where the behaviour allows, so the collection stays quick on two cores.
/// </summary>
[Collection(EdgeAgentCollection.Name)]
public sealed class EdgeAgentTests(KafkaFixture kafka, S3Fixture s3, EdgeCameraFixture camera, ITestOutputHelper output)
{
    private static readonly double Gop = EdgeCameraFixture.Options.GopSeconds;

    private Task<EdgeAgentHarness> StartAsync(string mount, string cameraId, params string[] sensorIds) =>
        EdgeAgentHarness.StartAsync(kafka, s3, output, [new TestCamera(cameraId, camera.Server.Url(mount).AbsoluteUri, sensorIds)]);

    [Fact]
    public async Task DeepStream_start_recording_gives_one_clip_in_S3_covering_the_window_that_decodes_cleanly()
    {
        await using var agent = await StartAsync("cam1", "lobby", "DS_SENSOR_LOBBY");
        await agent.WaitForCacheAsync("lobby", 6);
        var now = DateTimeOffset.UtcNow;
        var traceId = ActivityTraceId.CreateRandom();
        var traceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";

        // Exactly DeepStream's message: no field of ours, the camera named by its DeepStream sensor id.
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", now.AddSeconds(-5), now.AddSeconds(5), "DS_SENSOR_LOBBY"), traceParent);

        var (clip, clipTrace) = Assert.Single(await agent.WaitForClipsAsync(1));
        Assert.Equal("lobby", clip.CameraId.Value);
        Assert.Equal(now.AddSeconds(-5).ToUnixTimeMilliseconds(), clip.RequestedStart.ToUnixTimeMilliseconds());
        // Starts on the keyframe at or before the requested start (segment times), at most one GOP before it.
        Assert.True(clip.ActualStart <= clip.RequestedStart, $"actual start {clip.ActualStart:o} after requested {clip.RequestedStart:o}");
        Assert.True(clip.RequestedStart - clip.ActualStart < TimeSpan.FromSeconds(Gop + 0.2), $"starts {(clip.RequestedStart - clip.ActualStart).TotalSeconds} s early");
        Assert.False(clip.StartClippedToCache);
        Assert.InRange(clip.DurationSeconds, 10 - 0.1, 10 + Gop + 0.1);
        Assert.Equal($"clips/lobby/{clip.RequestedStart.UtcDateTime:yyyy'/'MM'/'dd}/{clip.ClipId.Value}.mp4", clip.Key);
        Assert.Equal(agent.Bucket, clip.Bucket);
        Assert.Equal(traceId, ActivityTraceId.CreateFromString(clipTrace.AsSpan(3, 32)));

        var bytes = await agent.GetObjectAsync(clip.Key);
        Assert.Equal(clip.SizeBytes, bytes.LongLength);
        Assert.Equal(clip.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var head = await agent.HeadObjectAsync(clip.Key);
        Assert.Equal("video/mp4", head.ContentType);
        Assert.Equal(clip.Sha256, head.MetaData["sha256"]);

        var file = agent.WriteFile("clip.mp4", bytes);
        // Decodes completely: -xerror makes any decoding error fail the run.
        await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-xerror", "-i", file, "-f", "null", "-"], TimeSpan.FromSeconds(30));
        var keyframes = await MediaProbe.KeyframeTimesAsync(file);
        Assert.Equal(0, keyframes[0], 3);
        var probed = double.Parse(await MediaProbe.RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file],
            TimeSpan.FromSeconds(15)), CultureInfo.InvariantCulture);
        Assert.InRange(probed, 10 - 0.1, 10 + Gop + 0.1);

        var thumbnail = await agent.GetObjectAsync(clip.ThumbnailKey!);
        Assert.True(thumbnail is [0xFF, 0xD8, ..], "the thumbnail is a JPEG");
        Assert.Equal("image/jpeg", (await agent.HeadObjectAsync(clip.ThumbnailKey!)).ContentType);

        await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(10), "the agent to be idle");
        Assert.Single(agent.Clips);
        Assert.Equal(2, await agent.CountObjectsAsync());
    }

    [Fact]
    public async Task Stop_recording_ends_the_open_clip_early()
    {
        await using var agent = await StartAsync("cam2", "door");
        await agent.WaitForCacheAsync("door", 1);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", start, start.AddSeconds(60), "door"));
        await Eventually.WaitAsync(() => agent.CameraStatus("door").LastSegmentAt > start.AddSeconds(3), TimeSpan.FromSeconds(20), "3 s of recording");

        var stoppedAt = DateTimeOffset.UtcNow;
        await agent.SendAsync(EdgeAgentHarness.Command("stop-recording", start, start.AddSeconds(60), "door"));

        var (clip, _) = Assert.Single(await agent.WaitForClipsAsync(1, TimeSpan.FromSeconds(30)));
        Assert.InRange(clip.RequestedEnd, stoppedAt.AddSeconds(-0.5), stoppedAt.AddSeconds(5));
        Assert.InRange(clip.DurationSeconds, 3, 12);
        await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(10), "the agent to be idle");
        Assert.Single(agent.Clips);
    }

    [Fact]
    public async Task A_later_end_for_the_same_session_gives_one_longer_clip_not_two()
    {
        await using var agent = await StartAsync("cam3", "yard");
        await agent.WaitForCacheAsync("yard", 1);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);

        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", start, start.AddSeconds(3), "yard", "\"commandId\":\"c-1\",\"sessionId\":\"s-1\",\"cameraId\":\"yard\""));
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", start.AddSeconds(1), start.AddSeconds(6), "yard", "\"commandId\":\"c-2\",\"sessionId\":\"s-1\",\"cameraId\":\"yard\""));

        var (clip, _) = Assert.Single(await agent.WaitForClipsAsync(1));
        Assert.Equal(start.AddSeconds(6).ToUnixTimeMilliseconds(), clip.RequestedEnd.ToUnixTimeMilliseconds());
        Assert.Equal("s-1", clip.SessionId!.Value.Value);
        Assert.Equal("c-1", clip.CommandId!.Value.Value);
        Assert.InRange(clip.DurationSeconds, 6 - 0.1, 6 + Gop + 0.1);
        await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(10), "the agent to be idle");
        Assert.Single(agent.Clips);
        Assert.Equal(1, agent.Telemetry.ClipsMade);
    }

    [Fact]
    public async Task The_same_command_twice_gives_one_clip()
    {
        await using var agent = await StartAsync("cam1", "gate");
        await agent.WaitForCacheAsync("gate", 1);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var command = EdgeAgentHarness.Command("start-recording", start, start.AddSeconds(3), "gate");

        await agent.SendAsync(command);
        await agent.SendAsync(command);

        await Eventually.WaitAsync(() => agent.Telemetry.DuplicateCommands == 1, TimeSpan.FromSeconds(20), "the duplicate to be seen");
        Assert.Single(await agent.WaitForClipsAsync(1));
        await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(10), "the agent to be idle");
        Assert.Single(agent.Clips);
        Assert.Equal(1, agent.Telemetry.ClipsMade);
        Assert.Equal(2, await agent.CountObjectsAsync());

        // Stopping the agent stops its recorder: no ffmpeg is left writing into the cache.
        await agent.StopAgentAsync();
        Assert.Empty(ProcessTable.WithCommandLineContaining(agent.CacheDirectory));
    }

    [Fact]
    public async Task A_start_older_than_the_cache_is_clipped_to_the_oldest_segment_and_reported()
    {
        await using var agent = await StartAsync("cam1", "hall");
        await agent.WaitForCacheAsync("hall", 1);
        var oldest = agent.Recorder("hall").Segments[0].Start;
        var now = DateTimeOffset.UtcNow;

        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", now.AddSeconds(-15), now.AddSeconds(1), "hall"));

        var (clip, _) = Assert.Single(await agent.WaitForClipsAsync(1));
        Assert.True(clip.StartClippedToCache);
        Assert.Equal(oldest.ToUnixTimeMilliseconds(), clip.ActualStart.ToUnixTimeMilliseconds());
        Assert.InRange(clip.DurationSeconds, (now.AddSeconds(1) - oldest).TotalSeconds - 0.2, (now.AddSeconds(1) - oldest).TotalSeconds + 0.2);
    }

    [Fact]
    public async Task Bad_commands_are_counted_and_make_no_clip_and_the_agent_keeps_working()
    {
        await using var agent = await StartAsync("cam2", "dock");
        await agent.WaitForCacheAsync("dock", 1);
        var now = DateTimeOffset.UtcNow;

        await agent.SendAsync("this is not json");
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", now.AddSeconds(-1), now.AddSeconds(1), "someone-elses-camera"));
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", now.AddSeconds(1), now.AddSeconds(-1), "dock"));
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", now.AddMinutes(-10), now.AddMinutes(-9), "dock"));
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", now.AddSeconds(-1), now.AddHours(2), "dock"));

        await Eventually.WaitAsync(() => agent.Telemetry.BadCommandsTotal == 5, TimeSpan.FromSeconds(20), "five bad commands counted");
        Assert.Equal(1, agent.Telemetry.BadCommands(BadCommandReason.NotJson));
        Assert.Equal(1, agent.Telemetry.BadCommands(BadCommandReason.UnknownCamera));
        Assert.Equal(1, agent.Telemetry.BadCommands(BadCommandReason.EndBeforeStart));
        Assert.Equal(1, agent.Telemetry.BadCommands(BadCommandReason.OlderThanCache));
        Assert.Equal(1, agent.Telemetry.BadCommands(BadCommandReason.TooLong));
        Assert.True(agent.Idle(), "no session was opened");

        // Still consuming: a good command after the bad ones gives the only clip.
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", start, start.AddSeconds(2), "dock"));
        Assert.Single(await agent.WaitForClipsAsync(1));
        Assert.Equal(1, agent.Telemetry.ClipsMade);
    }

    [Fact]
    public async Task Clip_made_while_S3_is_down_survives_an_agent_restart_and_is_uploaded_and_announced_once_when_S3_returns()
    {
        await using var agent = await StartAsync("cam3", "garage");
        await agent.WaitForCacheAsync("garage", 1);
        try
        {
            await s3.Server.StopAsync();
            var start = DateTimeOffset.UtcNow.AddSeconds(-1);
            await agent.SendAsync(EdgeAgentHarness.Command("start-recording", start, start.AddSeconds(2), "garage", "\"commandId\":\"outage-1\""));

            // Cut and spooled; the upload fails and is retried.
            await Eventually.WaitAsync(() => agent.Telemetry.ClipsMade == 1, TimeSpan.FromSeconds(30), "the clip to be cut");
            var manifestPath = Directory.GetFiles(agent.SpoolDirectory, ClipSpool.ManifestFileName, SearchOption.AllDirectories).Single();
            await Eventually.WaitAsync(() => ReadManifest(manifestPath).Attempts >= 1, TimeSpan.FromSeconds(30), "a failed upload attempt");
            var manifest = ReadManifest(manifestPath);
            Assert.Equal(SpoolState.Spooled, manifest.State);
            var spooled = await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(manifestPath)!, manifest.VideoFile));

            // The device restarts while S3 is still down: the spool is read again and retried.
            await agent.StopAgentAsync();
            Assert.Empty(agent.Clips);
            var attemptsBefore = ReadManifest(manifestPath).Attempts;
            await agent.StartAgentAsync();
            Assert.Equal(1, agent.Spool.Count);
            await Eventually.WaitAsync(() => ReadManifest(manifestPath).Attempts > attemptsBefore, TimeSpan.FromSeconds(30), "a retry after the restart");

            await s3.Server.StartAgainAsync();

            var (clip, _) = Assert.Single(await agent.WaitForClipsAsync(1, TimeSpan.FromSeconds(30)));
            Assert.Equal(manifest.Clip.ClipId, clip.ClipId);
            var uploaded = await agent.GetObjectAsync(clip.Key);
            Assert.Equal(spooled, uploaded);
            Assert.Equal(clip.Sha256, Convert.ToHexStringLower(SHA256.HashData(uploaded)));
            await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(10), "the spool to empty");
            Assert.False(Directory.Exists(Path.GetDirectoryName(manifestPath)));
            Assert.Single(agent.Clips);
        }
        finally
        {
            await s3.Server.StartAgainAsync();
        }
    }

    [Fact]
    public async Task Camera_outage_is_reported_and_the_cache_resumes_when_the_source_returns()
    {
        await using var source = await RtspCameraServer.StartAsync(EdgeCameraFixture.Options with { Mounts = ["flaky"] });
        await using var agent = await EdgeAgentHarness.StartAsync(kafka, s3, output, [new TestCamera("flaky", source.Url("flaky").AbsoluteUri)]);
        await agent.WaitForCacheAsync("flaky", 1);
        Assert.True(agent.CameraStatus("flaky").Connected);

        await source.StopAsync();
        await Eventually.WaitAsync(() => agent.CameraStatus("flaky") is { Connected: false, LastError: not null }, TimeSpan.FromSeconds(30),
            "the outage to show in the state");
        output.WriteLine($"state while down: {agent.CameraStatus("flaky")}");

        var back = DateTimeOffset.UtcNow;
        await source.StartAgainAsync();
        await Eventually.WaitAsync(() => agent.CameraStatus("flaky") is { Connected: true } status && status.LastSegmentAt > back,
            TimeSpan.FromSeconds(40), "the cache to resume");
        var state = agent.CameraStatus("flaky");
        Assert.True(state.Restarts >= 1, "restarts are counted");
        Assert.Null(state.LastError);

        // The heartbeat on edge.status says so too.
        await Eventually.WaitAsync(() => agent.Statuses.Any(s => s.Cameras.Any(c => c.CameraId.Value == "flaky" && c.Restarts >= 1 && c.Connected)),
            TimeSpan.FromSeconds(10), "a heartbeat with the restart");
        var heartbeat = agent.Statuses[^1];
        Assert.Equal("test-agent", heartbeat.AgentId);
        Assert.Equal("test-site", heartbeat.Site);
        Assert.True(heartbeat.DiskFreeBytes > 0);
        Assert.Contains(agent.Statuses, s => s.Cameras.Any(c => !c.Connected && c.LastError is not null));
    }

    private static SpoolManifest ReadManifest(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return JsonSerializer.Deserialize(File.ReadAllBytes(path), EdgeAgentJsonContext.Default.SpoolManifest)!;
            }
            catch (IOException) when (attempt < 5)
            {
                // Replaced under us (write beside, rename): read again.
            }
        }
    }
}
