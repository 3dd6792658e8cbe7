using Orleans.Streams;

namespace Platform.Streaming.Kafka.Caching;

/// <summary>
/// A consumer's position in one stream of a queue's cache. The pulling agent moves it to an entry, delivers the
/// entry, and moves on only after the delivery completed: moving past an entry is what marks it delivered (for
/// a grain, applied and persisted), and that is when its records can count towards the partition's checkpoint.
/// </summary>
internal sealed class KafkaQueueCacheCursor : IQueueCacheCursor
{
    private readonly KafkaQueueCache cache;
    private readonly StreamEntries stream;
    private long position;
    private CacheEntry? current;
    private bool disposed;

    public KafkaQueueCacheCursor(KafkaQueueCache cache, StreamEntries stream, long passed)
    {
        this.cache = cache;
        this.stream = stream;
        position = passed;
    }

    /// <summary>Entries up to this sequence are done for this cursor; the current one is not, until the cursor moves on.</summary>
    public long Passed => current is null ? position : position - 1;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return current?.Container;
    }

    [Obsolete("Use MoveNextWithResult instead.")]
    public bool MoveNext() => MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    public QueueCacheCursorMoveResult MoveNextWithResult()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        current = stream.After(position);
        if (current is not null)
        {
            position = current.Sequence;
        }

        cache.Release(stream);
        return current is null ? QueueCacheCursorMoveResult.NoData : QueueCacheCursorMoveResult.Success;
    }

    /// <summary>Nothing to do: a move looks up the stream's entries each time, so new ones are found without a refresh.</summary>
    public void Refresh(StreamSequenceToken token)
    {
    }

    public void RecordDeliveryFailure()
    {
        if (current is not null)
        {
            current.Failed = true;
        }
    }

    /// <summary>Entries this cursor held are released when the stream's other cursors (or, with none, the next purge) let them go.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            stream.Cursors.Remove(this);
        }
    }
}
