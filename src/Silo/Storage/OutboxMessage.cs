namespace Platform.Silo.Storage;

/// <summary>A Kafka message decided by a committed batch: kept in the outbox table until the broker has it.</summary>
public sealed record OutboxMessage(string Id, int Partition, string Topic, string Key, byte[] Payload, string? TraceParent);
