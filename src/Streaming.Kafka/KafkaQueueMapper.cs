using System.Text;
using Confluent.Kafka;
using Orleans.Runtime;
using Orleans.Streams;

namespace Platform.Streaming.Kafka;

/// <summary>
/// One Orleans queue per partition of each topic read. Orleans' queue balancer spreads these queues over the
/// silos; their count is the sum of the topics' partition counts, read from the brokers at start. Each queue sits
/// on the consistent ring at a hash of its topic and partition, so the ring balancer gives every silo the queues of
/// its range and moves only the queues of a silo that joined or left.
/// </summary>
public sealed class KafkaQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly Dictionary<QueueId, TopicPartition> partitions = [];
    private readonly List<QueueId> queues = [];
    private readonly string firstTopic;
    private readonly int firstTopicPartitions;

    public KafkaQueueMapper(IReadOnlyList<(string Topic, int Partitions)> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0 || topics.Any(t => t.Partitions < 1))
        {
            throw new ArgumentException("Every topic needs at least one partition.", nameof(topics));
        }

        foreach (var (topic, count) in topics)
        {
            for (var partition = 0; partition < count; partition++)
            {
                // The ring position comes from the topic and partition, so every silo computes the same queues.
                var hash = KafkaPartitioner.Crc32(Encoding.UTF8.GetBytes($"{topic}/{partition}"));
                var queue = QueueId.GetQueueId(topic, (uint)partition, hash);
                queues.Add(queue);
                partitions.Add(queue, new TopicPartition(topic, new Partition(partition)));
            }
        }

        (firstTopic, firstTopicPartitions) = topics[0];
    }

    public IEnumerable<QueueId> GetAllQueues() => queues;

    /// <summary>
    /// Where a producer keying by the stream's key would write it in the first topic. Only producers through Orleans
    /// ask this, and this provider reads only; records reach their stream from whatever partition they are in.
    /// </summary>
    public QueueId GetQueueForStream(StreamId streamId)
    {
        var partition = KafkaPartitioner.PartitionFor(streamId.GetKeyAsString(), firstTopicPartitions);
        return partitions.First(p => p.Value.Topic == firstTopic && p.Value.Partition.Value == partition).Key;
    }

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return queues.Where(queue => range.InRange(queue.GetUniformHashCode()));
    }

    public TopicPartition PartitionOf(QueueId queue) =>
        partitions.TryGetValue(queue, out var partition) ? partition : throw new ArgumentException($"{queue} is not a queue of this provider.", nameof(queue));
}
