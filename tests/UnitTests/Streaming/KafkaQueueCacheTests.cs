using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using Platform.Streaming.Kafka;
using Platform.Streaming.Kafka.Caching;
using Platform.Streaming.Kafka.Checkpoints;

namespace Platform.UnitTests.Streaming;

public sealed class KafkaQueueCacheTests
{
    private static readonly StreamId A = StreamId.Create("sensor", "a");
    private static readonly StreamId B = StreamId.Create("sensor", "b");

    private readonly DeliveryTracker tracker = new(start: 0);

    [Fact]
    public void A_container_counts_as_delivered_when_its_cursor_moves_past_it_not_while_it_is_being_delivered()
    {
        var cache = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, new DeliveryBudget(1000, 10_000));
        cache.AddToCache([Container(A, 0), Container(A, 1)]);
        using var cursor = Cursor(cache, A);

        Assert.True(Move(cursor));
        var whileDelivering = tracker.Checkpoint;
        Assert.True(Move(cursor));
        var afterFirst = tracker.Checkpoint;
        Assert.False(Move(cursor));

        Assert.Equal((0, 1, 2), (whileDelivering, afterFirst, tracker.Checkpoint));
    }

    [Fact]
    public void A_cursor_reads_only_its_own_stream_in_offset_order()
    {
        var cache = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, new DeliveryBudget(1000, 10_000));
        cache.AddToCache([Container(A, 0), Container(B, 1), Container(A, 2), Container(B, 3)]);
        using var cursor = Cursor(cache, B);

        var offsets = new List<long>();
        while (Move(cursor))
        {
            offsets.Add(((KafkaBatchContainer)cursor.GetCurrent(out _)!).Items[0].Offset);
        }

        Assert.Equal([1, 3], offsets);
        Assert.Equal(0, tracker.Checkpoint); // A's containers are not delivered yet
    }

    [Fact]
    public void With_two_cursors_on_a_stream_a_container_is_delivered_when_both_passed_it()
    {
        var cache = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, new DeliveryBudget(1000, 10_000));
        cache.AddToCache([Container(A, 0)]);
        using var first = Cursor(cache, A);
        using var second = Cursor(cache, A);

        Move(first);
        Move(first);
        var oneDone = tracker.Checkpoint;
        Move(second);
        Move(second);

        Assert.Equal((0, 1), (oneDone, tracker.Checkpoint));
    }

    [Fact]
    public void A_container_whose_delivery_failed_never_counts_as_delivered()
    {
        var cache = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, new DeliveryBudget(1000, 10_000));
        cache.AddToCache([Container(A, 0), Container(A, 1)]);
        using var cursor = Cursor(cache, A);

        Move(cursor);
        cursor.RecordDeliveryFailure();
        Move(cursor);
        Move(cursor);

        Assert.Equal(0, tracker.Checkpoint);
        Assert.Equal(1, tracker.Outstanding);
        Assert.Equal(0, cache.CachedEvents);
    }

    [Fact]
    public void A_stream_nobody_consumes_is_let_go_at_the_next_purge_but_not_while_a_cursor_pins_it()
    {
        var cache = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, new DeliveryBudget(1000, 10_000));
        cache.AddToCache([Container(A, 0)]);
        var pin = Cursor(cache, A);

        cache.TryPurgeFromCache(out _);
        var pinned = tracker.Checkpoint;
        pin.Dispose();
        cache.TryPurgeFromCache(out _);

        Assert.Equal((0, 1), (pinned, tracker.Checkpoint));
    }

    [Fact]
    public void A_cursor_asked_for_a_token_starts_at_that_container_and_without_one_at_the_oldest_kept()
    {
        var cache = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, new DeliveryBudget(1000, 10_000));
        cache.AddToCache([Container(A, 0), Container(A, 4), Container(A, 9)]);

        using var fromToken = cache.TryGetCacheCursor(A, new EventSequenceTokenV2(4, 0)).Cursor!;
        using var fromStart = cache.TryGetCacheCursor(A, null).Cursor!;

        Assert.True(Move(fromToken));
        Assert.Equal(4, ((KafkaBatchContainer)fromToken.GetCurrent(out _)!).Items[0].Offset);
        Assert.True(Move(fromStart));
        Assert.Equal(0, ((KafkaBatchContainer)fromStart.GetCurrent(out _)!).Items[0].Offset);
    }

    [Fact]
    public void The_cache_is_under_pressure_at_its_event_limit_and_relieved_as_containers_are_delivered()
    {
        var cache = new KafkaQueueCache(maxEvents: 3, maxStreams: 100, new DeliveryBudget(1000, 10_000));
        cache.AddToCache([Container(A, 0, events: 2), Container(A, 1)]);
        using var cursor = Cursor(cache, A);

        var full = (cache.IsUnderPressure(), cache.GetMaxAddCount());
        Move(cursor);
        Move(cursor); // the first container is delivered, the second is being delivered
        var oneLeft = (cache.IsUnderPressure(), cache.GetMaxAddCount(), cache.CachedEvents);
        Move(cursor);

        Assert.Equal((true, 0), full);
        Assert.Equal((false, 99, 1), oneLeft);
        Assert.Equal((false, 100, 0), (cache.IsUnderPressure(), cache.GetMaxAddCount(), cache.CachedEvents));
    }

    [Fact]
    public void The_agent_may_add_one_container_per_stream_until_the_streams_awaiting_delivery_reach_the_limit()
    {
        var cache = new KafkaQueueCache(maxEvents: 100, maxStreams: 2, new DeliveryBudget(1000, 10_000));
        cache.AddToCache([Container(A, 0), Container(A, 1)]);
        var oneStream = cache.GetMaxAddCount();
        cache.AddToCache([Container(B, 2)]);
        var twoStreams = (cache.IsUnderPressure(), cache.GetMaxAddCount());
        using var cursor = Cursor(cache, B);
        Move(cursor);
        Move(cursor);

        Assert.Equal(1, oneStream);
        Assert.Equal((true, 0), twoStreams);
        Assert.Equal((false, 1), (cache.IsUnderPressure(), cache.GetMaxAddCount()));
    }

    [Fact]
    public void Queues_of_one_silo_share_its_budget_of_streams_awaiting_delivery_and_a_queue_let_go_gives_its_share_back()
    {
        var budget = new DeliveryBudget(maxStreams: 3, maxEvents: 100);
        var first = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, budget);
        var second = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, budget);
        first.AddToCache([Container(A, 0), Container(B, 1)]);
        var secondMayAdd = second.GetMaxAddCount();
        second.AddToCache([Container(A, 2)]);
        var spent = (first.IsUnderPressure(), second.IsUnderPressure(), second.GetMaxAddCount());

        first.Abandon();

        Assert.Equal(1, secondMayAdd);
        Assert.Equal((true, true, 0), spent);
        Assert.Equal((1, 1, false, 2), (budget.Streams, budget.Events, second.IsUnderPressure(), second.GetMaxAddCount()));
    }

    [Fact]
    public void A_silo_holding_its_bound_of_undelivered_events_reads_no_more_until_they_are_delivered()
    {
        var budget = new DeliveryBudget(maxStreams: 100, maxEvents: 5);
        var first = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, budget);
        var second = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, budget);
        first.AddToCache([Container(A, 0, events: 5)]);
        var full = (second.IsUnderPressure(), second.GetMaxAddCount());
        using var cursor = Cursor(first, A);
        Move(cursor);
        Move(cursor);

        Assert.Equal((true, 0), full);
        Assert.Equal((0, false), (budget.Events, second.IsUnderPressure()));
    }

    [Fact]
    public void Containers_added_after_a_cursor_ran_dry_are_found_by_its_next_move()
    {
        var cache = new KafkaQueueCache(maxEvents: 100, maxStreams: 100, new DeliveryBudget(1000, 10_000));
        using var cursor = Cursor(cache, A);
        Assert.False(Move(cursor));

        cache.AddToCache([Container(A, 0)]);

        Assert.True(Move(cursor));
    }

    private static IQueueCacheCursor Cursor(KafkaQueueCache cache, StreamId stream) => cache.TryGetCacheCursor(stream, null).Cursor!;

    private static bool Move(IQueueCacheCursor cursor) => cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    private KafkaBatchContainer Container(StreamId stream, long offset, int events = 1)
    {
        tracker.HandOut(offset, parts: 1);
        return new KafkaBatchContainer(stream, [.. Enumerable.Range(0, events).Select(i => new KafkaEventItem($"event {offset}/{i}", offset, i))], tracker);
    }
}
