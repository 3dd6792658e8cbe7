using Confluent.Kafka;
using Platform.Messaging;
using Platform.Streaming.Kafka;
using Platform.Testing;

namespace Platform.IntegrationTests.Messaging;

[Collection(KafkaCollection.Name)]
public sealed class KafkaPartitionerBrokerTests(KafkaFixture kafka)
{
    [Fact]
    // The stream provider's queue for a sensor's stream is the partition its device writes to (keyed by sensor id).
    public async Task Our_partition_for_a_key_is_the_one_librdkafka_picks_with_the_shared_producer_settings()
    {
        const int partitions = 32;
        var topic = kafka.CreateTopic("partitioner", partitions);
        using var producer = new ProducerBuilder<string, string>(KafkaClientSettings.Producer(kafka.BootstrapServers, "test")).Build();

        var keys = Enumerable.Range(0, 500).Select(i => i % 2 == 0 ? $"sensor/cam-{i}" : $"camera/Ünïcode-{i}").ToList();
        var deliveries = await Task.WhenAll(keys.Select(k => producer.ProduceAsync(topic, new Message<string, string> { Key = k, Value = "" })));

        Assert.All(deliveries, d => Assert.Equal(KafkaPartitioner.PartitionFor(d.Message.Key, partitions), d.Partition.Value));
        Assert.True(deliveries.Select(d => d.Partition.Value).Distinct().Count() > partitions / 2, "keys did not spread over the partitions");
    }
}
