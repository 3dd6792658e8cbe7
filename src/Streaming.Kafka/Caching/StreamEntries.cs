using Orleans.Runtime;
using Orleans.Streams;

namespace Platform.Streaming.Kafka.Caching;

/// <summary>
/// One stream's part of a queue's cache: its entries not yet delivered to every one of its cursors, oldest
/// first, and those cursors. Kept per stream so that a cursor finds its next entry without walking past the
/// entries of every other stream in the queue (a queue carries thousands of sensors' streams).
/// </summary>
internal sealed class StreamEntries(StreamId streamId)
{
    private readonly List<CacheEntry> entries = [];
    private int head;

    public StreamId StreamId { get; } = streamId;

    public List<KafkaQueueCacheCursor> Cursors { get; } = [];

    public int Count => entries.Count - head;

    public void Append(CacheEntry entry) => entries.Add(entry);

    /// <summary>The first entry after <paramref name="sequence"/>, or null.</summary>
    public CacheEntry? After(long sequence)
    {
        int low = head, high = entries.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (entries[middle].Sequence <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low < entries.Count ? entries[low] : null;
    }

    /// <summary>
    /// Where a new cursor starts, as the sequence it has passed: before the first entry at or after
    /// <paramref name="token"/>, or before the oldest entry kept when there is no token. Nothing kept here has
    /// been delivered to everyone yet, so starting at the oldest never skips an event.
    /// </summary>
    public long StartBefore(StreamSequenceToken? token, long nextSequence)
    {
        for (var i = head; i < entries.Count; i++)
        {
            if (token is null || !entries[i].Container.SequenceToken.Older(token))
            {
                return entries[i].Sequence - 1;
            }
        }

        return nextSequence - 1; // everything kept is older than the token: start with what arrives next
    }

    /// <summary>Removes the entries every cursor has passed (all of them when <paramref name="all"/>) and returns them.</summary>
    public List<CacheEntry>? Release(bool all)
    {
        var through = long.MaxValue;
        if (!all)
        {
            foreach (var cursor in Cursors)
            {
                through = Math.Min(through, cursor.Passed);
            }
        }

        List<CacheEntry>? released = null;
        while (head < entries.Count && entries[head].Sequence <= through)
        {
            (released ??= []).Add(entries[head]);
            head++;
        }

        if (head > 64 && head * 2 > entries.Count)
        {
            entries.RemoveRange(0, head);
            head = 0;
        }

        return released;
    }
}
