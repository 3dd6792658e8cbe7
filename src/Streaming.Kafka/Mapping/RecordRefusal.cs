namespace Platform.Streaming.Kafka.Mapping;

/// <summary>Why a record is refused: a short stable reason and a detail for people.</summary>
public sealed record RecordRefusal(string Reason, string Detail);
