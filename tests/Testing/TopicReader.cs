using Confluent.Kafka;

namespace Platform.Testing;

/// <summary>Reads a whole topic from the start (all partitions assigned, no group) until enough records arrived.</summary>
public static class TopicReader
{
    public static async Task<IReadOnlyList<ConsumeResult<string, byte[]>>> ReadAsync(
        string bootstrapServers, string topic, int expected, TimeSpan timeout)
    {
        return await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = "reader-" + Guid.NewGuid().ToString("N"),
                EnableAutoCommit = false,
            }).Build();
            using (var admin = new DependentAdminClientBuilder(consumer.Handle).Build())
            {
                var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
                consumer.Assign(metadata.Topics[0].Partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
            }

            var records = new List<ConsumeResult<string, byte[]>>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (records.Count < expected && clock.Elapsed < timeout)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } record)
                {
                    records.Add(record);
                }
            }

            return (IReadOnlyList<ConsumeResult<string, byte[]>>)records;
        });
    }
}
