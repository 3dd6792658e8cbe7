using Confluent.Kafka;

namespace Platform.Streaming.Kafka.Reading;

/// <summary>Where a receiver's records come from: the silo's consumer (<see cref="KafkaPartitionReader"/>), or a test's.</summary>
internal interface IPartitionReader
{
    /// <summary>Starts fetching <paramref name="partition"/> at <paramref name="offset"/> (null: the beginning) into a new buffer.</summary>
    PartitionBuffer Open(TopicPartition partition, long? offset);

    void Close(TopicPartition partition);

    /// <summary>The receiver took enough from a paused partition: fetch it again.</summary>
    void Resume(PartitionBuffer buffer);
}
