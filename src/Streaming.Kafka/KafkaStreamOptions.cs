namespace Platform.Streaming.Kafka;

/// <summary>
/// A Kafka stream provider: which topics to read (each partition becomes one Orleans queue), how to reach the
/// brokers, and how much each queue may hold in memory. Checked by <see cref="KafkaStreamOptionsValidator"/> at start.
/// </summary>
public sealed class KafkaStreamOptions
{
    /// <summary>Required: "host:port[,host:port]".</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Required: the topics read. Queue count = the sum of their partition counts, read once at start.</summary>
    public IList<string> Topics { get; set; } = [];

    /// <summary>Required: where records the mapper refuses go, unchanged, with headers saying why (<see cref="DeadLetters.DeadLetterHeaders"/>).</summary>
    public string DeadLetterTopic { get; set; } = "";

    /// <summary>More librdkafka properties for the consumer and the dead-letter producer (security.protocol, sasl.*, ssl.*).</summary>
    public IDictionary<string, string> ClientProperties { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// How long a read waits for the first record when its queue has none buffered. The pulling agent reads again at
    /// once after a read that returned something, so this bounds the idle polling, not the latency of a busy queue.
    /// </summary>
    public TimeSpan ReadWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Records one read hands to the pulling agent at most (grouped into one batch container per stream).</summary>
    public int MaxRecordsPerRead { get; set; } = 4_000;

    /// <summary>Records fetched but not yet read, per queue, above which fetching for that partition pauses.</summary>
    public int MaxBufferedRecordsPerQueue { get; set; } = 20_000;

    /// <summary>Events read but not yet delivered, per queue, above which the pulling agent stops reading it (back-pressure).</summary>
    public int MaxCachedEventsPerQueue { get; set; } = 20_000;

    /// <summary>
    /// Streams with events read but not yet delivered, per queue, above which the pulling agent stops reading it. The
    /// agent delivers to every such stream at once, and a first delivery activates its grain: this bounds the grain
    /// calls and activations in flight when a queue carries many streams (100,000 sensors over 32 partitions).
    /// </summary>
    public int MaxCachedStreamsPerQueue { get; set; } = 500;

    /// <summary>
    /// The same bound over all of this silo's queues. A silo that takes over many queues with a backlog (a failover
    /// under load, 128 partitions) would otherwise start tens of thousands of deliveries and activations at once, and
    /// its grain calls would queue for longer than their timeout, fail and be delivered again.
    /// </summary>
    public int MaxPendingStreamsPerSilo { get; set; } = 4_000;

    /// <summary>Events read but not yet delivered over all of this silo's queues, above which its agents stop reading.</summary>
    public int MaxCachedEventsPerSilo { get; set; } = 100_000;

    /// <summary>How often a queue's checkpoint (the offset below which every record is delivered) is written when it moved.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the start waits for the brokers to name the topics' partitions.</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
