using Orleans;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using Platform.Streaming.Kafka.Checkpoints;

namespace Platform.Streaming.Kafka;

/// <summary>
/// The events of one stream from one read of one partition, in offset order: a grain gets them in one delivery
/// and can apply them in one turn and persist once. Each event's token is (offset, index within its record).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed class KafkaBatchContainer : IBatchContainer
{
    // Not serialized: only the instance in the reading silo's cache reports its delivery.
    [NonSerialized]
    private readonly DeliveryTracker? tracker;

    public KafkaBatchContainer(StreamId streamId, KafkaEventItem[] items)
        : this(streamId, items, null)
    {
    }

    internal KafkaBatchContainer(StreamId streamId, KafkaEventItem[] items, DeliveryTracker? tracker)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Length == 0)
        {
            throw new ArgumentException("A batch container holds at least one event.", nameof(items));
        }

        StreamId = streamId;
        Items = items;
        this.tracker = tracker;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public KafkaEventItem[] Items { get; }

    /// <summary>The first event's position: containers of a queue are ordered by it.</summary>
    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(Items[0].Offset, Items[0].Index);

    /// <summary>The distinct offsets of the records this container holds events of.</summary>
    public IEnumerable<long> Offsets()
    {
        var previous = -1L;
        foreach (var item in Items)
        {
            if (item.Offset != previous)
            {
                previous = item.Offset;
                yield return item.Offset;
            }
        }
    }

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        foreach (var item in Items)
        {
            if (item.Payload is T payload)
            {
                yield return Tuple.Create(payload, (StreamSequenceToken)new EventSequenceTokenV2(item.Offset, item.Index));
            }
        }
    }

    /// <summary>Every consumer has it: one part of each of its records is done.</summary>
    internal void ReportDelivered()
    {
        if (tracker is null)
        {
            return;
        }

        foreach (var offset in Offsets())
        {
            tracker.Complete(offset);
        }
    }

    /// <summary>Trace context travels in the events themselves (the mapper reads it from the record's headers).</summary>
    public bool ImportRequestContext() => false;

    public override string ToString() => $"{StreamId} @{Items[0].Offset}..{Items[^1].Offset} ({Items.Length} events)";
}
