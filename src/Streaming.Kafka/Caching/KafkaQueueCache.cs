using System.Diagnostics.CodeAnalysis;
using Orleans.Runtime;
using Orleans.Streams;

namespace Platform.Streaming.Kafka.Caching;

/// <summary>
/// One queue's cache in the pulling agent: what was read and not yet delivered to every consumer. Unlike Orleans'
/// SimpleQueueCache, which reports delivery in buckets of a tenth of its size when it purges them, it reports each
/// container the moment its last cursor moves past it (<see cref="KafkaBatchContainer.ReportDelivered"/>), so a
/// partition's checkpoint follows delivery closely and a queue handed over at shutdown replays only what was in
/// flight. It never drops an undelivered entry: when full, or when the silo's <see cref="DeliveryBudget"/> is spent,
/// it says so and the agent stops reading (back-pressure). Used on the pulling agent's turn only.
/// </summary>
internal sealed class KafkaQueueCache(int maxEvents, int maxStreams, DeliveryBudget budget) : IQueueCache
{
    private readonly Dictionary<StreamId, StreamEntries> streams = [];
    private long nextSequence;

    /// <summary>Events held, not yet delivered to every consumer.</summary>
    public int CachedEvents { get; private set; }

    /// <summary>Streams holding such events: the agent is delivering to each of them.</summary>
    public int PendingStreams { get; private set; }

    /// <summary>How many more batch containers (one per stream in a read) may come in; 0 when full of events.</summary>
    public int GetMaxAddCount() => CachedEvents >= maxEvents ? 0 : Math.Max(0, Math.Min(maxStreams - PendingStreams, budget.Remaining));

    public bool IsUnderPressure() => CachedEvents >= maxEvents || PendingStreams >= maxStreams || budget.Remaining == 0;

    /// <summary>The agent let the queue go (its receiver shut down): what this cache still held leaves the silo's budget.</summary>
    public void Abandon()
    {
        budget.Add(-PendingStreams, -CachedEvents);
        PendingStreams = 0;
        CachedEvents = 0;
    }

    public void AddToCache(IList<IBatchContainer> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            var events = message is KafkaBatchContainer kafka ? kafka.Items.Length : message.GetEvents<object>().Count();
            var stream = Stream(message.StreamId);
            if (stream.Count == 0)
            {
                PendingStreams++;
                budget.Add(1, 0);
            }

            stream.Append(new CacheEntry(message, nextSequence++, events));
            CachedEvents += events;
            budget.Add(0, events);
        }
    }

    /// <summary>
    /// Lets go of the entries of streams that have no cursor (no consumer subscribes to them, so they are delivered to
    /// everyone there is) and forgets empty streams. Delivery itself is reported as cursors move, so this never hands
    /// items to the receiver's MessagesDeliveredAsync.
    /// </summary>
    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        List<StreamId>? forgotten = null;
        foreach (var stream in streams.Values)
        {
            if (stream.Cursors.Count > 0)
            {
                continue;
            }

            Report(stream, stream.Release(all: true));
            (forgotten ??= []).Add(stream.StreamId);
        }

        foreach (var id in forgotten ?? [])
        {
            streams.Remove(id);
        }

        purgedItems = null;
        return false;
    }

    [Obsolete("Use TryGetCacheCursor instead.")]
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) => NewCursor(streamId, token);

    /// <summary>Never a miss: an entry stays until every cursor passed it, so a cursor starts at the oldest one at the latest.</summary>
    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(NewCursor(streamId, token));

    /// <summary>Either position starts at the oldest entry kept: nothing undelivered is ever skipped.</summary>
    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition) =>
        QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(NewCursor(streamId, null));

    /// <summary>A cursor moved: release what every cursor of its stream has passed.</summary>
    public void Release(StreamEntries stream) => Report(stream, stream.Release(all: false));

    private KafkaQueueCacheCursor NewCursor(StreamId streamId, StreamSequenceToken? token)
    {
        var stream = Stream(streamId);
        var cursor = new KafkaQueueCacheCursor(this, stream, stream.StartBefore(token, nextSequence));
        stream.Cursors.Add(cursor);
        return cursor;
    }

    private StreamEntries Stream(StreamId streamId)
    {
        if (!streams.TryGetValue(streamId, out var stream))
        {
            stream = new StreamEntries(streamId);
            streams.Add(streamId, stream);
        }

        return stream;
    }

    private void Report(StreamEntries stream, List<CacheEntry>? released)
    {
        if (released is null)
        {
            return;
        }

        if (stream.Count == 0)
        {
            PendingStreams--;
            budget.Add(-1, 0);
        }

        foreach (var entry in released)
        {
            CachedEvents -= entry.Events;
            budget.Add(0, -entry.Events);
            if (!entry.Failed && entry.Container is KafkaBatchContainer container)
            {
                container.ReportDelivered();
            }
        }
    }
}
