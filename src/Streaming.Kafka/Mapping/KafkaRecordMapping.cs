namespace Platform.Streaming.Kafka.Mapping;

/// <summary>
/// A record mapped: its events (each to its stream, in the order the grains must see them), or the reason it is
/// refused, which sends it unchanged to the dead-letter topic. No events and no refusal: a record with nothing
/// for any grain (its offset counts as delivered).
/// </summary>
public sealed class KafkaRecordMapping
{
    private KafkaRecordMapping(IReadOnlyList<KafkaStreamEvent> events, RecordRefusal? refusal)
    {
        Events = events;
        Refusal = refusal;
    }

    public IReadOnlyList<KafkaStreamEvent> Events { get; }

    public RecordRefusal? Refusal { get; }

    public static KafkaRecordMapping Accept(KafkaStreamEvent single) => new([single], null);

    public static KafkaRecordMapping Accept(IReadOnlyList<KafkaStreamEvent> events) => new(events, null);

    /// <param name="reason">A short, stable name: the dead letter's `reason` header and the metric's tag.</param>
    /// <param name="detail">For people: what in the record was wrong (the `detail` header and the log).</param>
    public static KafkaRecordMapping Refuse(string reason, string detail) => new([], new RecordRefusal(reason, detail));
}
