using Platform.Streaming.Kafka.Checkpoints;

namespace Platform.UnitTests.Streaming;

public sealed class DeliveryTrackerTests
{
    [Fact]
    public void The_checkpoint_moves_past_a_record_only_when_every_part_of_it_completed()
    {
        var tracker = new DeliveryTracker(start: 100);
        tracker.HandOut(100, parts: 2); // a heartbeat for two cameras: two containers
        tracker.HandOut(101, parts: 1);

        tracker.Complete(101);
        tracker.Complete(100);
        var afterOnePart = tracker.Checkpoint;
        tracker.Complete(100);

        Assert.Equal(100, afterOnePart);
        Assert.Equal(102, tracker.Checkpoint);
    }

    [Fact]
    public void A_record_with_nothing_for_any_grain_is_done_at_once_and_gaps_in_offsets_are_skipped()
    {
        var tracker = new DeliveryTracker(start: 10);
        tracker.HandOut(10, parts: 0);
        tracker.HandOut(12, parts: 1); // 11 was a transaction marker: never read

        var whileOutstanding = tracker.Checkpoint;
        tracker.Complete(12);

        Assert.Equal(12, whileOutstanding);
        Assert.Equal(13, tracker.Checkpoint);
        Assert.Equal(0, tracker.Outstanding);
    }

    [Fact]
    public void Nothing_handed_out_leaves_the_checkpoint_where_reading_starts()
    {
        Assert.Equal(42, new DeliveryTracker(start: 42).Checkpoint);
    }

    [Fact]
    public void Completions_after_the_partition_was_let_go_do_not_move_the_checkpoint()
    {
        var tracker = new DeliveryTracker(start: 0);
        tracker.HandOut(0, parts: 1);

        tracker.Stop();
        tracker.Complete(0);

        Assert.Equal(0, tracker.Checkpoint);
    }

    [Fact]
    public void Offsets_handed_out_out_of_order_are_a_bug_and_refused()
    {
        var tracker = new DeliveryTracker(start: 0);
        tracker.HandOut(5, parts: 1);

        Assert.Throws<InvalidOperationException>(() => tracker.HandOut(4, parts: 1));
    }
}
