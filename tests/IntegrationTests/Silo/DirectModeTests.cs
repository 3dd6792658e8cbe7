using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;
using Platform.Messaging;
using Platform.Silo.Ingress;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>Kafka:DirectDeviceTopic: the grain host reads the device topic itself, without ingress's re-key hop.</summary>
[Collection(SiloCollection.Name)]
public sealed class DirectModeTests(KafkaFixture kafka, PostgresFixture postgres)
{
    [Fact]
    public async Task The_grain_host_applies_device_records_forwards_miskeyed_ones_to_their_sensor_and_dead_letters_bad_ones()
    {
        var topics = SiloTopics.Create(kafka);
        var database = await postgres.CreateDatabaseAsync("direct");
        await SiloSeed.SeedAsync(database);
        var settings = SiloTopics.Configuration(kafka, topics, database, Guid.NewGuid().ToString("N"));
        settings["Kafka:DirectDeviceTopic"] = "true";
        using var host = SiloHostFactory.Build(settings);
        await host.StartAsync();

        // The second half of the samples comes keyed by something else than the sensor id, so lands in another partition.
        var samples = DeepStreamSamples.FullSchema(TimeProvider.System.GetUtcNow());
        var sensorPartition = GrainPartitioner.PartitionFor(DeepStreamSamples.SensorId, SiloTopics.GrainPartitions);
        var otherKey = Enumerable.Range(0, 100).Select(i => $"gateway-{i}").First(k => GrainPartitioner.PartitionFor(k, SiloTopics.GrainPartitions) != sensorPartition);
        var keyed = samples.Count / 2;
        var bad = new[] { "{not json", """{"sensorId":"s","objects":[]}""" };
        using (var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(kafka.BootstrapServers, "device")).Build())
        {
            foreach (var (line, index) in samples.Concat(bad).Select((line, index) => (line, index)))
            {
                var key = index < keyed ? DeepStreamSamples.SensorId : otherKey;
                await producer.ProduceAsync(topics["DeepStreamTopic"], new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(line) });
            }
        }

        var commands = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["CommandsTopic"], 1, TimeSpan.FromSeconds(30));
        var dead = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["DeadLetterTopic"], bad.Length, TimeSpan.FromSeconds(30));
        var forwarded = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["EventsTopic"], samples.Count - keyed, TimeSpan.FromSeconds(30));
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, samples.Count + bad.Length, TimeSpan.FromSeconds(30), direct: true);
        await host.StopAsync();

        var command = JsonSerializer.Deserialize(commands[0].Message.Value, EdgeJsonContext.Default.SmartRecordCommand)!;
        Assert.Equal(SmartRecordCommand.StartRecording, command.Command);
        Assert.Equal(SiloSeed.CameraId, command.CameraId?.Value);

        // Only the mis-keyed records took the re-key hop, keyed by their sensor and into its partition; every one was applied.
        Assert.Equal(samples.Count - keyed, forwarded.Count);
        Assert.All(forwarded, record =>
        {
            Assert.Equal(DeepStreamSamples.SensorId, record.Message.Key);
            Assert.Equal(sensorPartition, record.Partition.Value);
        });
        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.Equal(samples.Count - keyed, await SiloOutcome.AppliedAsync(dataSource, topics["EventsTopic"]));
        Assert.Equal(samples.Count + bad.Length, await SiloOutcome.AppliedAsync(dataSource, topics["DeepStreamTopic"]));
        Assert.True(await SiloOutcome.ScalarAsync(dataSource, "SELECT coalesce(sum(entries), 0) FROM traffic_counts WHERE class = 'Person'") >= 1);

        Assert.Equal(
            [nameof(DeadLetterReason.NotJson), nameof(DeadLetterReason.BadTimestamp)],
            dead.OrderBy(r => r.Offset.Value).Select(r => Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(DeadLetterHeaders.Reason))));
        Assert.All(dead, record => Assert.Equal(topics["DeepStreamTopic"], Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(DeadLetterHeaders.SourceTopic))));
        Assert.Equal(bad, dead.OrderBy(r => r.Offset.Value).Select(r => Encoding.UTF8.GetString(r.Message.Value)));
    }
}
