namespace Platform.Streaming.Kafka.Checkpoints;

/// <summary>One owner's claim on a partition: the epoch its commits carry and the offset it resumed at.</summary>
public sealed record PartitionLease(string Topic, int Partition, long Epoch, long? ResumeAt);
