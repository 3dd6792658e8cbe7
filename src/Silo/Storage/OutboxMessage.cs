namespace Platform.Silo.Storage;

/// <summary>A Kafka message a grain decided: stored with its state, in the outbox table until the broker has it.</summary>
public sealed record OutboxMessage(string Id, string GrainId, string Topic, string Key, byte[] Payload, string? TraceParent);
