using System.Globalization;
using Platform.IntegrationTests.EdgeAgent;
using Platform.Testing;
using Xunit.Abstractions;
using Platform.Testing.Faults;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// The edge agent killed in the middle of an upload, and a spool on a nearly full disk: every clip that fits the
/// spool is delivered exactly once after recovery, and what had to be evicted is reported, never silently lost.
/// </summary>
[Collection(EdgeFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class EdgeAgentCrashAndDiskTests(S3Fixture s3, EdgeCameraFixture camera, ITestOutputHelper output)
{
    [Fact]
    public async Task Agent_killed_during_an_upload_and_restarted_delivers_the_clip_once()
    {
        using var kafka = new KafkaFixture();
        // S3 behind a relay that lets the upload start and then holds it, half sent.
        using var relay = new StallingTcpRelay(s3.Server.Port);
        await using var agent = await EdgeAgentHarness.StartAsync(kafka, s3, output,
            [new TestCamera("killed", camera.Server.Url("cam3").AbsoluteUri)],
            new Dictionary<string, string?> { ["EdgeAgent:S3:ServiceUrl"] = relay.Url.ToString(), ["EdgeAgent:S3:RequestTimeout"] = "00:01:00" });
        await agent.StopAgentAsync(); // the same agent, as a process that can be killed
        var process = EdgeAgentProcess.Start(agent.Settings);
        try
        {
            await Eventually.WaitAsync(() => agent.Statuses.Any(s => s.Cameras.Any(c => c.CacheSeconds >= 2)), TimeSpan.FromSeconds(45), "2 s of cache");
            var before = relay.Forwarded;
            relay.StallAfter(32 * 1024);
            var (json, commandId) = EdgeCommands.Clip("kill", "killed", DateTimeOffset.UtcNow.AddSeconds(-1), 0);
            await agent.SendAsync(json);
            await Eventually.WaitAsync(() => relay.IsStalling, TimeSpan.FromSeconds(30), "the upload to be under way");

            await process.KillAsync();
            var sentAtKill = relay.Forwarded - before;
            var spooled = Assert.Single(Directory.GetDirectories(agent.SpoolDirectory), d => !Path.GetFileName(d).StartsWith('.'));
            var manifest = await File.ReadAllTextAsync(Path.Combine(spooled, Platform.EdgeAgent.Spool.ClipSpool.ManifestFileName));
            Assert.Empty(agent.Clips);
            Assert.Contains("\"state\": \"Spooled\"", manifest, StringComparison.Ordinal); // the video upload had not completed
            relay.Release();
            process.Dispose();
            process = EdgeAgentProcess.Start(agent.Settings);

            var (clip, _) = Assert.Single(await agent.WaitForClipsAsync(1, TimeSpan.FromSeconds(60)));
            Assert.Equal(commandId, clip.CommandId!.Value.Value);
            await Eventually.WaitAsync(() => !Directory.GetDirectories(agent.SpoolDirectory).Any(d => !Path.GetFileName(d).StartsWith('.')),
                TimeSpan.FromSeconds(20), "the spool to empty");
            await Task.Delay(TimeSpan.FromSeconds(2)); // a second announcement would follow at once
            Assert.Single(await EdgeClipDelivery.AssertExactlyOnceAsync(agent));
            output.WriteLine($"killed with {sentAtKill} bytes of the video upload sent, the clip spooled; 1 clip delivered once after the restart");
        }
        finally
        {
            process.Dispose();
        }
    }

    [Fact]
    public async Task Spool_on_a_nearly_full_disk_delivers_every_clip_it_kept_once_and_reports_what_it_evicted()
    {
        var clips = LongFaults.Pick(6, 12);
        using var kafka = new KafkaFixture();
        using var spoolRoot = new Platform.LocalInfra.TempDirectory("edge-spool-disk");
        await using var disk = await TmpfsMount.MountAsync(Path.Combine(spoolRoot.Path, "spool"), 20);
        // A 2 s clip of the test camera is ~0.3 MB: the spool (at its smallest bound) keeps about three, on a disk with 3 MB left.
        const long spoolBytes = 1024 * 1024;
        await disk.FillLeavingAsync(3 * 1024 * 1024);
        await using var agent = await EdgeAgentHarness.StartAsync(kafka, s3, output,
            [new TestCamera("full-disk", camera.Server.Url("cam1").AbsoluteUri)],
            new Dictionary<string, string?>
            {
                ["EdgeAgent:SpoolDirectory"] = disk.Path,
                ["EdgeAgent:SpoolMaxBytes"] = spoolBytes.ToString(CultureInfo.InvariantCulture),
            });
        await agent.WaitForCacheAsync("full-disk", 2);
        try
        {
            await s3.Server.StopAsync();
            var first = DateTimeOffset.UtcNow.AddSeconds(-1);
            for (var i = 0; i < clips; i++)
            {
                await agent.SendAsync(EdgeCommands.Clip("disk", "full-disk", first, i).Json);
            }

            await Eventually.WaitAsync(() => agent.Telemetry.ClipsMade == clips, TimeSpan.FromSeconds(30 + (3 * clips)), $"{clips} clips to be cut");
            var kept = agent.Spool.Count;
            var evicted = agent.Telemetry.SpoolEvictions;
            output.WriteLine($"{clips} clips made, {kept} kept, {evicted} evicted; {disk.FreeBytes} bytes free on the spool's disk");
            Assert.True(evicted > 0, "the spool bound was never reached: the test proves nothing");
            Assert.Equal(clips, kept + evicted);
            // Reported: in the heartbeat (the agent's status), besides the metric and the log.
            await Eventually.WaitAsync(() => agent.Statuses.Any(s => s.SpoolEvictions == evicted), TimeSpan.FromSeconds(10), "a heartbeat reporting the evictions");

            await s3.Server.StartAgainAsync();
            await agent.WaitForClipsAsync(kept, TimeSpan.FromSeconds(60));
            await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(20), "the spool to empty");
            await Task.Delay(TimeSpan.FromSeconds(2));
            var delivered = await EdgeClipDelivery.AssertExactlyOnceAsync(agent);
            Assert.Equal(kept, delivered.Count);
            // The newest clips are the ones kept (oldest evicted first).
            Assert.Equal(Enumerable.Range(clips - (int)kept, kept).Select(i => $"disk-{i}").Order(), agent.Clips.Select(c => c.Clip.CommandId!.Value.Value).Order());
            output.WriteLine($"{delivered.Count} clips delivered once each, {evicted} evicted and reported; 0 lost beyond that, 0 doubled");
        }
        finally
        {
            await s3.Server.StartAgainAsync();
        }
    }
}
