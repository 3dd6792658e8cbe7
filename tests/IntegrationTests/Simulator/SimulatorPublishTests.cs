using Platform.Grains.Interfaces.Ids;
using Platform.Silo.Ingress;
using Platform.Simulator.Load;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;
using Platform.Simulator.Scenes;
using Platform.Testing;

namespace Platform.IntegrationTests.Simulator;

[Collection(KafkaCollection.Name)]
public sealed class SimulatorPublishTests(KafkaFixture kafka)
{
    [Fact]
    public async Task Load_run_publishes_rate_times_duration_messages_keyed_by_sensor_that_the_silo_parser_accepts()
    {
        var topic = kafka.CreateTopic("sim-load", 4);
        string[] sensors = ["sim-1", "sim-2", "sim-3"];
        long sent;
        using (var sink = new KafkaDeepStreamSink(kafka.BootstrapServers, topic))
        {
            var runner = new LoadRunner(new RandomWalk(sensors, 2, 42), DeepStreamSchema.Full,
                new RatePacer(100, TimeSpan.FromSeconds(2)), sink, TimeProvider.System);
            sent = await runner.RunAsync(CancellationToken.None);
            Assert.True(sink.Flush(TimeSpan.FromSeconds(30)));
            Assert.Equal((200, 0), (sink.Delivered, sink.Failed));
        }

        // Ask for one more than expected: the reader then waits out its timeout and proves there is no extra record.
        var records = await TopicReader.ReadAsync(kafka.BootstrapServers, topic, 201, TimeSpan.FromSeconds(5));

        Assert.Equal(200, sent);
        Assert.Equal(200, records.Count);
        Assert.Equal(sensors, records.Select(r => r.Message.Key).Distinct().Order());
        var parser = new DeepStreamParser(new IngressLimits(), TimeProvider.System);
        Assert.All(records, r =>
        {
            Assert.True(parser.TryParse(r.Message.Value, out var detection, out var rejection), rejection?.Detail);
            Assert.Equal(r.Message.Key, detection.SensorId.Value);
        });
    }

    [Fact]
    public async Task Scene_playback_publishes_every_message_of_the_script()
    {
        var topic = kafka.CreateTopic("sim-scene", 2);
        // Started in the past, so the player publishes every frame at once instead of waiting for its time.
        var script = new LineCrossingScene().Build(SensorId.From("sim-scene"), CameraId.From("cam"), DateTimeOffset.UtcNow.AddMinutes(-1));
        var expected = DeepStreamMessageWriter.Write(script.Frames, DeepStreamSchema.Minimal).Count();
        using (var sink = new KafkaDeepStreamSink(kafka.BootstrapServers, topic))
        {
            Assert.Equal(expected, await new ScenePlayer(sink, TimeProvider.System).PlayAsync(script, DeepStreamSchema.Minimal, CancellationToken.None));
            Assert.True(sink.Flush(TimeSpan.FromSeconds(30)));
        }

        var records = await TopicReader.ReadAsync(kafka.BootstrapServers, topic, expected, TimeSpan.FromSeconds(30));

        Assert.Equal(expected, records.Count);
        Assert.All(records, r => Assert.Equal("sim-scene", r.Message.Key));
    }
}
