using Platform.Streaming.Kafka;

namespace Platform.UnitTests.Streaming;

public sealed class KafkaAdapterReceiverTests
{
    [Fact]
    public async Task A_read_makes_one_container_per_stream_with_its_events_in_offset_order()
    {
        using var harness = new KafkaReceiverHarness();
        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));
        harness.Add(0, "a");
        harness.Add(1, "b,a"); // one record, events for two streams
        harness.Add(2, "a");

        var read = await harness.ReadAsync();

        var a = Assert.IsType<KafkaBatchContainer>(read[0]);
        var b = Assert.IsType<KafkaBatchContainer>(read[1]);
        Assert.Equal(("s/a", "s/b"), (a.StreamId.ToString(), b.StreamId.ToString()));
        Assert.Equal([(0L, 0), (1L, 1), (2L, 0)], a.Items.Select(i => (i.Offset, i.Index)));
        Assert.Equal([(1L, 0)], b.Items.Select(i => (i.Offset, i.Index)));
        Assert.Equal(["a@0", "b,a@1", "a@2"], a.GetEvents<string>().Select(e => e.Item1));
        Assert.Equal((0L, 0), (a.SequenceToken.SequenceNumber, a.SequenceToken.EventIndex));
    }

    [Fact]
    public async Task The_checkpoint_is_written_each_interval_up_to_the_first_record_not_delivered_to_all_its_streams()
    {
        using var harness = new KafkaReceiverHarness(storedOffset: 10);
        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));
        harness.Add(10, "a");
        harness.Add(11, "a,b");
        harness.Add(12, "a");
        await harness.ReadAsync();

        harness.Deliver("a");
        var onlyA = await harness.NextCheckpointAsync(); // 11 still waits for b
        harness.Deliver("b");
        var all = await harness.NextCheckpointAsync();

        Assert.Equal(10, harness.OpenedAt);
        Assert.Equal((11L, 13L), (onlyA, all));
    }

    [Fact]
    public async Task A_refused_record_is_dead_lettered_and_passed_by_the_checkpoint_only_once_stored()
    {
        using var harness = new KafkaReceiverHarness(storedOffset: 0);
        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));
        harness.DeadLetterGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Add(0, "a");
        harness.Add(1, "bad");
        harness.Add(2, "a");

        var read = await harness.ReadAsync();
        harness.Deliver("a");
        var beforeStored = await harness.NextCheckpointAsync();
        harness.DeadLetterGate.SetResult();
        await Platform.Testing.Eventually.WaitAsync(() => harness.DeadLettered.Count == 1, TimeSpan.FromSeconds(5), "the dead letter");
        var afterStored = await harness.NextCheckpointAsync();

        Assert.Equal([0L, 2L], Assert.IsType<KafkaBatchContainer>(Assert.Single(read)).Items.Select(i => i.Offset));
        Assert.Equal([(1L, "Bad")], harness.DeadLettered);
        Assert.Equal((1L, 3L), (beforeStored, afterStored));
    }

    [Fact]
    public async Task A_dead_letter_that_failed_to_send_is_tried_again_and_the_checkpoint_waits_for_it()
    {
        using var harness = new KafkaReceiverHarness { DeadLetterFailuresLeft = 2 };
        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));
        harness.Add(0, "bad");
        harness.Add(1, "a");

        await harness.ReadAsync();
        harness.Deliver("a");
        var whileFailing = await harness.NextCheckpointAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (harness.DeadLettered.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            harness.Clock.Advance(TimeSpan.FromMilliseconds(100)); // the backoff between attempts
            await Task.Delay(10);
        }

        var afterStored = await harness.NextCheckpointAsync();

        Assert.Equal(0, whileFailing);
        Assert.Equal([(0L, "Bad")], harness.DeadLettered);
        Assert.Equal(0, harness.DeadLetterFailuresLeft);
        Assert.Equal(2, afterStored);
    }

    [Fact]
    public async Task A_commit_refused_because_another_silo_claimed_the_partition_stops_checkpointing()
    {
        using var harness = new KafkaReceiverHarness(storedOffset: 0);
        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));
        harness.Add(0, "a");
        await harness.ReadAsync();
        harness.Deliver("a");
        harness.ClaimedElsewhere();

        await harness.NextCheckpointAsync();
        harness.Add(1, "a");
        await harness.ReadAsync();
        harness.Deliver("a");
        await harness.Receiver.Shutdown(TimeSpan.FromSeconds(5));

        Assert.Empty(harness.Commits);
        Assert.Equal(1, harness.CommitAttempts); // refused once, never tried again
    }

    [Fact]
    public async Task Shutdown_writes_the_last_checkpoint_without_waiting_for_the_interval_and_closes_the_partition()
    {
        using var harness = new KafkaReceiverHarness(storedOffset: 5);
        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));
        harness.Add(5, "a");
        harness.Add(6, "b");
        await harness.ReadAsync();
        harness.Deliver("a");

        await harness.Receiver.Shutdown(TimeSpan.FromSeconds(5));

        Assert.Equal([6L], harness.Commits); // b was in flight: its next owner delivers it again
        Assert.Null(harness.Buffer);
    }

    [Fact]
    public async Task An_idle_read_waits_for_the_read_wait_and_a_record_arriving_meanwhile_ends_it_at_once()
    {
        using var harness = new KafkaReceiverHarness(storedOffset: 0);
        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));

        var idle = harness.Receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        var stillWaiting = idle.IsCompleted;
        harness.Clock.Advance(harness.Options.ReadWait);
        var empty = await idle.WaitAsync(TimeSpan.FromSeconds(5));
        var waiting = harness.Receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        harness.Add(0, "a");
        var read = await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(stillWaiting);
        Assert.Empty(empty);
        Assert.Single(read);
    }

    [Fact]
    public async Task A_read_stops_at_the_agents_budget_of_streams_and_the_next_read_goes_on_from_there()
    {
        using var harness = new KafkaReceiverHarness(storedOffset: 0);
        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));
        harness.Add(0, "a");
        harness.Add(1, "b");
        harness.Add(2, "a");
        harness.Add(3, "c");

        var first = await harness.Receiver.GetQueueMessagesAsync(2, CancellationToken.None);
        var second = await harness.Receiver.GetQueueMessagesAsync(2, CancellationToken.None);

        Assert.Equal([[0L, 2L], [1L]], first.Select(c => ((KafkaBatchContainer)c).Items.Select(i => i.Offset).ToArray()));
        Assert.Equal([3L], Assert.IsType<KafkaBatchContainer>(Assert.Single(second)).Items.Select(i => i.Offset));
    }

    [Fact]
    public async Task A_claim_that_failed_at_start_is_tried_again_at_the_next_read()
    {
        using var harness = new KafkaReceiverHarness(storedOffset: 7) { ClaimFailuresLeft = 1 };

        await harness.Receiver.Initialize(TimeSpan.FromSeconds(5));
        var opened = harness.Buffer is not null;
        var read = harness.Receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        await Platform.Testing.Eventually.WaitAsync(() => harness.Buffer is not null, TimeSpan.FromSeconds(5), "the partition to open");
        harness.Add(7, "a");

        Assert.False(opened);
        Assert.Single(await read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal((7L, 1L), (harness.OpenedAt!.Value, harness.Epoch));
    }
}
