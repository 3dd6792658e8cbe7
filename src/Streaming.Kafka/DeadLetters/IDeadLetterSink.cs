using Confluent.Kafka;
using Platform.Streaming.Kafka.Mapping;

namespace Platform.Streaming.Kafka.DeadLetters;

/// <summary>Where refused records go: the dead-letter topic (<see cref="DeadLetterPublisher"/>), or a test's.</summary>
internal interface IDeadLetterSink
{
    /// <summary>Completes when the refused record is safely stored.</summary>
    Task SendAsync(ConsumeResult<byte[]?, byte[]> record, RecordRefusal refusal);
}
