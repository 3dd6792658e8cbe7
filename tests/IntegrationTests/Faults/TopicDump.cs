using Confluent.Kafka;

namespace Platform.IntegrationTests.Faults;

/// <summary>Every record of a topic, up to the end each partition has now (no group, all partitions assigned).</summary>
internal static class TopicDump
{
    /// <summary>Each partition's end (high watermark) now.</summary>
    public static IReadOnlyDictionary<int, long> Ends(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "ends" }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.ToDictionary(p => p.PartitionId,
            p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
    }

    public static Task<IReadOnlyList<ConsumeResult<string, byte[]>>> ReadAllAsync(string bootstrapServers, string topic) => Task.Run(() =>
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "dump-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        List<int> partitions;
        using (var admin = new DependentAdminClientBuilder(consumer.Handle).Build())
        {
            partitions = [.. admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Select(p => p.PartitionId)];
        }

        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Where(p => ends[p] > 0).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var pending = partitions.Where(p => ends[p] > 0).ToHashSet();
        var records = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Reading {topic}: partitions {string.Join(",", pending)} did not reach their end.");
            }

            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null)
            {
                continue;
            }

            if (!record.IsPartitionEOF && record.Offset.Value < ends[record.Partition.Value])
            {
                records.Add(record);
            }

            if (record.IsPartitionEOF ? record.Offset.Value >= ends[record.Partition.Value] : record.Offset.Value + 1 >= ends[record.Partition.Value])
            {
                pending.Remove(record.Partition.Value);
            }
        }

        return (IReadOnlyList<ConsumeResult<string, byte[]>>)records;
    });
}
