using Confluent.Kafka;

namespace Platform.Streaming.Kafka.Mapping;

/// <summary>
/// What the provider knows of the records it reads: which stream each event of a record belongs to, or why the
/// record is refused. Called on the pulling agent's turn for every record, so it must be fast and must not block;
/// it must also be deterministic, because a record read again after a crash has to give the same events.
/// </summary>
public interface IKafkaRecordMapper
{
    KafkaRecordMapping Map(ConsumeResult<byte[]?, byte[]> record);
}
