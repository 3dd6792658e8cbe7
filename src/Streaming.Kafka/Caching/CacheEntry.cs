using Orleans.Streams;

namespace Platform.Streaming.Kafka.Caching;

/// <summary>A batch container in a queue's cache, numbered in the order it was read.</summary>
internal sealed class CacheEntry(IBatchContainer container, long sequence, int events)
{
    public IBatchContainer Container { get; } = container;

    public long Sequence { get; } = sequence;

    public int Events { get; } = events;

    /// <summary>The pulling agent gave up delivering it: it must not count as delivered.</summary>
    public bool Failed { get; set; }
}
