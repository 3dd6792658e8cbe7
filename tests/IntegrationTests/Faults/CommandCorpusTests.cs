using Confluent.Kafka;
using Platform.EdgeAgent.Commands;
using Platform.IntegrationTests.EdgeAgent;
using Platform.Testing;
using Platform.Testing.Faults;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// The generated bad Smart Video Record commands on a running edge agent's commands topic (real broker, camera,
/// ffmpeg and S3): each is counted under its reason, none opens a session or makes a clip, and a valid command
/// sent after them still becomes exactly one clip in S3.
/// </summary>
[Collection(EdgeAgentCollection.Name)]
[Trait("Category", LongFaults.Category)]
public sealed class CommandCorpusTests(KafkaFixture kafka, S3Fixture s3, EdgeCameraFixture camera, ITestOutputHelper output)
{
    private const string SensorId = "DS_FAULT_CAM";

    [Fact]
    public async Task The_agent_survives_the_bad_command_corpus_counts_each_reason_and_still_records_a_valid_command()
    {
        await using var agent = await EdgeAgentHarness.StartAsync(kafka, s3, output,
            [new TestCamera("fault-cam", camera.Server.Url("cam3").AbsoluteUri, SensorId)]);
        await agent.WaitForCacheAsync("fault-cam", 4);
        var now = DateTimeOffset.UtcNow;
        // The 5 MiB the embedded broker keeps per partition: the multi-megabyte cases are for the unit tests.
        var corpus = CommandCorpus.Generate(LongFaults.Pick(11, 12), now, SensorId, randomWindows: LongFaults.Pick(40, 200))
            .Where(c => c.Payload.Length < 1_500_000).ToList();
        var generator = new CommandCorpus(1, now, SensorId);

        using (var producer = Producer())
        {
            foreach (var fault in corpus)
            {
                await producer.ProduceAsync(agent.CommandsTopic, new Message<string, byte[]> { Key = "fault", Value = fault.Payload });
            }

            // Not a bad command (a stop with nothing to stop is ignored), but its end once overflowed the dedupe clock.
            await agent.SendAsync(generator.Valid("stop-recording", DateTimeOffset.MaxValue.AddDays(-1), DateTimeOffset.MaxValue).ToJsonString());
        }

        await Eventually.WaitAsync(() => agent.Telemetry.BadCommandsTotal >= corpus.Count, TimeSpan.FromSeconds(60),
            $"{corpus.Count} bad commands counted");
        var start = DateTimeOffset.UtcNow.AddSeconds(-3);
        await agent.SendAsync(EdgeAgentHarness.Command("start-recording", start, start.AddSeconds(5), SensorId));

        var (clip, _) = Assert.Single(await agent.WaitForClipsAsync(1));
        Assert.Equal(start.ToUnixTimeMilliseconds(), clip.RequestedStart.ToUnixTimeMilliseconds());
        Assert.Equal("fault-cam", clip.CameraId.Value);
        await Eventually.WaitAsync(agent.Idle, TimeSpan.FromSeconds(15), "the agent to be idle");
        Assert.Single(agent.Clips);
        Assert.Equal(corpus.Count, agent.Telemetry.BadCommandsTotal);
        foreach (var reason in Enum.GetValues<BadCommandReason>())
        {
            Assert.Equal(corpus.Count(c => c.ExpectedReason == reason.ToString()), agent.Telemetry.BadCommands(reason));
        }

        output.WriteLine($"{corpus.Count} bad commands: " + string.Join(", ", Enum.GetValues<BadCommandReason>()
            .Select(r => $"{r} {agent.Telemetry.BadCommands(r)}")));
    }

    private IProducer<string, byte[]> Producer() =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, MessageMaxBytes = 4 * 1024 * 1024 }).Build();
}
