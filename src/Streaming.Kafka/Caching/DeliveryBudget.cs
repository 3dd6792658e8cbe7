namespace Platform.Streaming.Kafka.Caching;

/// <summary>
/// What all of a silo's queue caches hold undelivered (<see cref="KafkaStreamOptions.MaxPendingStreamsPerSilo"/>,
/// <see cref="KafkaStreamOptions.MaxCachedEventsPerSilo"/>): streams with events waiting, each a delivery in flight and,
/// the first time, a grain activation; and the events themselves, which are memory. A silo that takes over many
/// queues with a backlog otherwise reads far more than it can deliver, and its grain calls and garbage collections
/// outlast the call and probe timeouts. Shared by the pulling agents, so counted with interlocked operations.
/// </summary>
internal sealed class DeliveryBudget(int maxStreams, int maxEvents)
{
    private int streams;
    private int events;

    public int Streams => Volatile.Read(ref streams);

    public int Events => Volatile.Read(ref events);

    /// <summary>How many more streams may start pending on this silo now (none while the events are over their bound).</summary>
    public int Remaining => Events >= maxEvents ? 0 : Math.Max(0, maxStreams - Streams);

    public void Add(int addedStreams, int addedEvents)
    {
        Interlocked.Add(ref streams, addedStreams);
        Interlocked.Add(ref events, addedEvents);
    }
}
