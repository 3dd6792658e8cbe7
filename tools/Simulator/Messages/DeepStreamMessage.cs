namespace Platform.Simulator.Messages;

/// <summary>One Kafka record to publish: keyed by sensor id, as DeepStream's Kafka adapter keys it.</summary>
public sealed record DeepStreamMessage(string SensorId, DateTimeOffset Timestamp, byte[] Payload);
