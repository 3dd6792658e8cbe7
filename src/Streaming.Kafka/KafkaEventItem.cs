using Orleans;

namespace Platform.Streaming.Kafka;

/// <summary>One event in a <see cref="KafkaBatchContainer"/>: the payload and where it came from in its partition.</summary>
[GenerateSerializer]
[Immutable]
public readonly record struct KafkaEventItem([property: Id(0)] object Payload, [property: Id(1)] long Offset, [property: Id(2)] int Index);
