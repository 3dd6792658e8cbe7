using Orleans.Runtime;

namespace Platform.Streaming.Kafka.Mapping;

/// <summary>One event of a record for one stream. The payload crosses silos: its type needs an Orleans serializer.</summary>
public readonly record struct KafkaStreamEvent(StreamId StreamId, object Payload);
