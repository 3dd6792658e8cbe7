using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Messaging;
using Platform.Silo.Ingress;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

[Collection(SiloCollection.Name)]
public sealed class IngressTests(KafkaFixture kafka, PostgresFixture postgres)
{
    [Fact]
    public async Task Samples_become_envelopes_keyed_by_grain_and_bad_records_are_dead_lettered_unchanged_with_reasons()
    {
        var topics = SiloTopics.Create(kafka);
        var deadLetters = new List<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "platform.ingress.dead_letters")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (deadLetters)
            {
                deadLetters.Add((string)tags.ToArray().Single(t => t.Key == "reason").Value!);
            }
        });
        meters.Start();
        using var host = SiloHostFactory.Build(SiloTopics.Configuration(kafka, topics, await postgres.CreateDatabaseAsync("ingress"), Guid.NewGuid().ToString("N")));
        await host.StartAsync();

        var samples = DeepStreamSamples.FullSchema(TimeProvider.System.GetUtcNow());
        var bad = new Dictionary<string, DeadLetterReason>
        {
            ["{not json"] = DeadLetterReason.NotJson,
            ["""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":[]}"""] = DeadLetterReason.TimestampOutOfRange,
            ["""{"sensorId":"s","objects":[]}"""] = DeadLetterReason.BadTimestamp,
        };
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(kafka.BootstrapServers, "device")).Build();
        using var deviceSpan = new Activity("device publish").SetIdFormat(ActivityIdFormat.W3C).Start();
        foreach (var line in samples.Concat(bad.Keys))
        {
            await producer.ProduceAsync(topics["DeepStreamTopic"], new Message<string, byte[]>
            {
                Key = "device-key",
                Value = Encoding.UTF8.GetBytes(line),
                Headers = TraceContextHeaders.Inject(deviceSpan, []),
            });
        }

        var envelopes = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["EventsTopic"], samples.Count, TimeSpan.FromSeconds(30));
        var dead = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["DeadLetterTopic"], bad.Count, TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.Equal(samples.Count, envelopes.Count);
        Assert.All(envelopes, record =>
        {
            var envelope = JsonSerializer.Deserialize(record.Message.Value, GrainJsonContext.Default.GrainEnvelope)!;
            Assert.Equal(envelope.GrainKey.PartitionKey, record.Message.Key);
            Assert.StartsWith("HWY_20_AND_LOCUST__EBA", record.Message.Key, StringComparison.Ordinal);
            Assert.Equal(GrainPartitioner.PartitionFor(record.Message.Key, 8), record.Partition.Value);
            Assert.IsType<DetectionReceived>(envelope.Message);
            Assert.Equal(topics["DeepStreamTopic"], envelope.Source!.Topic);
            Assert.Equal(deviceSpan.TraceId, TraceContextHeaders.Extract(record.Message.Headers).TraceId);
        });
        Assert.Equal(samples.Count, envelopes.Select(e => JsonSerializer.Deserialize(e.Message.Value, GrainJsonContext.Default.GrainEnvelope)!.MessageId).Distinct().Count());

        Assert.Equal(bad.Count, dead.Count);
        Assert.All(dead, record =>
        {
            var body = Encoding.UTF8.GetString(record.Message.Value);
            Assert.Equal(bad[body].ToString(), Header(record, DeadLetterHeaders.Reason));
            Assert.Equal(topics["DeepStreamTopic"], Header(record, DeadLetterHeaders.SourceTopic));
            Assert.True(long.TryParse(Header(record, DeadLetterHeaders.SourceOffset), out _));
            Assert.Equal("device-key", record.Message.Key);
        });
        lock (deadLetters)
        {
            Assert.Equal(bad.Values.Select(r => r.ToString()).Order(), deadLetters.Order());
        }
    }

    [Fact]
    public async Task A_record_too_large_to_pass_on_whole_is_dead_lettered_truncated_and_ingress_keeps_going()
    {
        var topics = SiloTopics.Create(kafka);
        using var host = SiloHostFactory.Build(SiloTopics.Configuration(kafka, topics, await postgres.CreateDatabaseAsync("oversized"), Guid.NewGuid().ToString("N")));
        await host.StartAsync();
        var huge = new byte[2 * 1024 * 1024];
        Array.Fill(huge, (byte)'{');
        var config = KafkaClientSettings.Producer(kafka.BootstrapServers, "device");
        config.MessageMaxBytes = 4 * 1024 * 1024;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        await producer.ProduceAsync(topics["DeepStreamTopic"], new Message<string, byte[]> { Key = "big", Value = huge });
        var after = DeepStreamSamples.FullSchema(TimeProvider.System.GetUtcNow())[0];
        await producer.ProduceAsync(topics["DeepStreamTopic"], new Message<string, byte[]> { Key = "next", Value = Encoding.UTF8.GetBytes(after) });

        var dead = Assert.Single(await TopicReader.ReadAsync(kafka.BootstrapServers, topics["DeadLetterTopic"], 1, TimeSpan.FromSeconds(30)));
        var events = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["EventsTopic"], 1, TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.Equal(nameof(DeadLetterReason.TooLarge), Header(dead, DeadLetterHeaders.Reason));
        Assert.Equal(huge.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(dead, DeadLetterHeaders.TruncatedFrom));
        Assert.Equal(huge.AsSpan(0, DeadLetterHeaders.TruncatedLength).ToArray(), dead.Message.Value);
        Assert.Single(events);
    }

    private static string Header(ConsumeResult<string, byte[]> record, string name) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}
