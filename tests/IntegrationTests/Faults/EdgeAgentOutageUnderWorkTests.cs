using System.Diagnostics;
using Platform.IntegrationTests.EdgeAgent;
using Platform.Testing;
using Xunit.Abstractions;
using Platform.Testing.Faults;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// The edge agent cuts several clips while S3, or the broker, is unreachable for a long while (see
/// <see cref="EdgeAgentTests"/> for one clip across an agent restart): when the outage ends every clip is delivered
/// exactly once (S3 objects and edge.clips messages by clip id, SHA-256 matching).
/// </summary>
[Collection(EdgeFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class EdgeAgentOutageUnderWorkTests(S3Fixture s3, EdgeCameraFixture camera, ITestOutputHelper output)
{
    [Fact]
    public async Task Clips_made_while_S3_is_down_are_each_delivered_once_when_it_returns()
    {
        var (clips, outage) = LongFaults.Pick((3, TimeSpan.FromSeconds(20)), (10, TimeSpan.FromMinutes(5)));
        using var kafka = new KafkaFixture();
        await using var agent = await EdgeAgentHarness.StartAsync(kafka, s3, output, [new TestCamera("s3-outage", camera.Server.Url("cam1").AbsoluteUri)]);
        await agent.WaitForCacheAsync("s3-outage", 2);
        try
        {
            await s3.Server.StopAsync();
            var down = Stopwatch.StartNew();
            var first = DateTimeOffset.UtcNow.AddSeconds(-1);
            for (var i = 0; i < clips; i++)
            {
                await agent.SendAsync(EdgeCommands.Clip("s3-down", "s3-outage", first, i).Json);
            }

            await Eventually.WaitAsync(() => agent.Telemetry.ClipsMade == clips, TimeSpan.FromSeconds(30 + (3 * clips)), $"{clips} clips to be cut");
            Assert.Equal(clips, agent.Spool.Count);
            if (outage > down.Elapsed)
            {
                await Task.Delay(outage - down.Elapsed);
            }

            Assert.Empty(agent.Clips);
            await s3.Server.StartAgainAsync();
            output.WriteLine($"S3 down {down.Elapsed.TotalSeconds:F0} s while {clips} clips were made");

            await agent.WaitForClipsAsync(clips, TimeSpan.FromSeconds(60));
            await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(20), "the spool to empty");
            var delivered = await EdgeClipDelivery.AssertExactlyOnceAsync(agent);
            Assert.Equal(clips, delivered.Count);
            Assert.Equal(0, agent.Telemetry.SpoolEvictions);
            output.WriteLine($"{delivered.Count} clips delivered once each; 0 lost, 0 doubled");
        }
        finally
        {
            await s3.Server.StartAgainAsync();
        }
    }

    [Fact]
    public async Task Clips_made_while_the_broker_is_unreachable_are_each_announced_once_when_it_returns()
    {
        var (clips, outage) = LongFaults.Pick((2, TimeSpan.FromSeconds(10)), (8, TimeSpan.FromMinutes(2)));
        // A broker of its own: this test takes it down.
        using var kafka = new KafkaFixture();
        await using var agent = await EdgeAgentHarness.StartAsync(kafka, s3, output, [new TestCamera("kafka-outage", camera.Server.Url("cam2").AbsoluteUri)]);
        await agent.WaitForCacheAsync("kafka-outage", 2);
        var first = DateTimeOffset.UtcNow.AddSeconds(-1);
        var commands = Enumerable.Range(0, clips).Select(i => EdgeCommands.Clip("kafka-down", "kafka-outage", first, i)).ToList();
        foreach (var (json, _) in commands)
        {
            await agent.SendAsync(json);
        }

        await Eventually.WaitAsync(() => EdgeCommands.AllStored(agent, commands.Select(c => c.CommandId)), TimeSpan.FromSeconds(30), "the commands to be taken");
        kafka.Broker.SetBrokerDown();
        var down = Stopwatch.StartNew();
        try
        {
            // The clips fall due, are cut and uploaded; only the announcement waits for the broker.
            await Eventually.WaitAsync(() => agent.Telemetry.ClipsMade == clips, TimeSpan.FromSeconds(30 + (3 * clips)), $"{clips} clips to be cut");
            if (outage > down.Elapsed)
            {
                await Task.Delay(outage - down.Elapsed);
            }

            Assert.Equal(0, agent.Telemetry.ClipsAnnounced);
        }
        finally
        {
            kafka.Broker.SetBrokerUp();
        }

        output.WriteLine($"broker unreachable {down.Elapsed.TotalSeconds:F0} s while {clips} clips were made");
        await agent.WaitForClipsAsync(clips, TimeSpan.FromSeconds(90));
        await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(20), "the spool to empty");
        // Anything re-sent after the broker's return would arrive within a retry or two.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var delivered = await EdgeClipDelivery.AssertExactlyOnceAsync(agent);
        Assert.Equal(commands.Select(c => c.CommandId).Order(), agent.Clips.Select(c => c.Clip.CommandId!.Value.Value).Order());
        output.WriteLine($"{delivered.Count} clips announced once each; 0 lost, 0 doubled");
    }
}
