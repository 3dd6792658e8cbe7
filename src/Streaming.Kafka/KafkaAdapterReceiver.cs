using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using Platform.Streaming.Kafka.Checkpoints;
using Platform.Streaming.Kafka.DeadLetters;
using Platform.Streaming.Kafka.Mapping;
using Platform.Streaming.Kafka.Reading;

namespace Platform.Streaming.Kafka;

/// <summary>
/// Reads one Kafka partition (one Orleans queue) for the pulling agent: claims the partition's checkpoint, opens
/// the partition on the silo's consumer at that offset, turns each read's records into one batch container per
/// stream (<see cref="IKafkaRecordMapper"/>), sends refused records to the dead-letter topic, and writes the
/// checkpoint, fenced by its claim, as delivery completes (<see cref="DeliveryTracker"/>).
/// </summary>
internal sealed partial class KafkaAdapterReceiver : IQueueAdapterReceiver
{
    private readonly TopicPartition partition;
    private readonly IPartitionReader reader;
    private readonly IKafkaRecordMapper mapper;
    private readonly IKafkaCheckpointer checkpointer;
    private readonly IDeadLetterSink deadLetters;
    private readonly KafkaStreamOptions options;
    private readonly KafkaStreamTelemetry telemetry;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly List<ConsumeResult<byte[]?, byte[]>> taken = [];

    // Records taken from the buffer but not handed out: a read stops at the agent's budget of streams and the rest
    // come first in the next one.
    private List<ConsumeResult<byte[]?, byte[]>> carried = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly DeliveryBackoff backoff = new();
    private readonly KeyValuePair<string, object?> topicTag;

    private PartitionLease? lease;
    private DeliveryTracker? tracker;
    private PartitionBuffer? buffer;
    private Task checkpoints = Task.CompletedTask;
    private long committed = -1;
    private bool fenced;

    public KafkaAdapterReceiver(TopicPartition partition, IPartitionReader reader, IKafkaRecordMapper mapper, IKafkaCheckpointer checkpointer,
        IDeadLetterSink deadLetters, KafkaStreamOptions options, KafkaStreamTelemetry telemetry, TimeProvider time, ILogger logger)
    {
        this.partition = partition;
        this.reader = reader;
        this.mapper = mapper;
        this.checkpointer = checkpointer;
        this.deadLetters = deadLetters;
        this.options = options;
        this.telemetry = telemetry;
        this.time = time;
        this.logger = logger;
        topicTag = new KeyValuePair<string, object?>("topic", partition.Topic);
    }

    /// <summary>Raised at the end of <see cref="Shutdown"/>: the agent lets the queue go (with its cache).</summary>
    public event Action? Released;

    /// <summary>The offset below which every record is done, as last written (-1: nothing written yet).</summary>
    public long Committed => committed;

    public async Task Initialize(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout, time);
        await StartAsync(limit.Token);
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        // The agent goes on reading after a failed start (PostgreSQL was down): claim the partition now.
        if (!await StartAsync(cancellationToken))
        {
            return [];
        }

        if (carried.Count == 0)
        {
            await buffer!.WaitAsync(options.ReadWait, time, cancellationToken);
        }

        taken.Clear();
        var fromCarried = Math.Min(carried.Count, options.MaxRecordsPerRead);
        taken.AddRange(carried.Take(fromCarried));
        carried.RemoveRange(0, fromCarried);
        buffer!.Take(taken, options.MaxRecordsPerRead - taken.Count);
        if (buffer.WantsResume)
        {
            reader.Resume(buffer);
        }

        // The agent's maxCount is the number of batch containers its cache takes now: one per stream in this read.
        return taken.Count == 0 ? [] : Map(taken, maxCount > 0 ? maxCount : int.MaxValue);
    }

    /// <summary>Not used: the queue cache reports each container the moment it is delivered (see KafkaQueueCache).</summary>
    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the last checkpoint (what was delivered up to now) and lets the partition go.</summary>
    public async Task Shutdown(TimeSpan timeout)
    {
        await stopping.CancelAsync();
        await checkpoints;
        if (tracker is not null)
        {
            using var limit = new CancellationTokenSource(timeout, time);
            await CommitAsync(limit.Token);
            tracker.Stop();
            reader.Close(partition);
            LogReleased(partition.Topic, partition.Partition.Value, committed, tracker.Outstanding);
        }

        stopping.Dispose();
        Released?.Invoke();
    }

    private async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        if (buffer is not null)
        {
            return true;
        }

        try
        {
            lease = await checkpointer.ClaimAsync(partition.Topic, partition.Partition.Value, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            LogClaimFailed(e, partition.Topic, partition.Partition.Value);
            return false;
        }

        tracker = new DeliveryTracker(lease.ResumeAt ?? 0);
        committed = lease.ResumeAt ?? -1;
        buffer = reader.Open(partition, lease.ResumeAt);
        checkpoints = RunCheckpointsAsync(stopping.Token);
        LogClaimed(partition.Topic, partition.Partition.Value, lease.Epoch, lease.ResumeAt);
        return true;
    }

    private List<IBatchContainer> Map(List<ConsumeResult<byte[]?, byte[]>> records, int maxStreams)
    {
        var byStream = new Dictionary<StreamId, List<KafkaEventItem>>();
        var order = new List<StreamId>();
        var streamsOfRecord = new HashSet<StreamId>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var offset = record.Offset.Value;
            var mapping = MapSafely(record);
            if (order.Count > 0 && order.Count + NewStreams(mapping, byStream) > maxStreams)
            {
                // Over the budget: this record and the rest wait for the next read (the first record always goes).
                carried = [.. records.Skip(i), .. carried];
                break;
            }

            telemetry.Records.Add(1, topicTag);
            if (mapping.Refusal is { } refusal)
            {
                tracker!.HandOut(offset, 1);
                _ = DeadLetterAsync(record, refusal);
                continue;
            }

            streamsOfRecord.Clear();
            for (var index = 0; index < mapping.Events.Count; index++)
            {
                var (streamId, payload) = mapping.Events[index];
                if (!byStream.TryGetValue(streamId, out var items))
                {
                    items = [];
                    byStream.Add(streamId, items);
                    order.Add(streamId);
                }

                items.Add(new KafkaEventItem(payload, offset, index));
                streamsOfRecord.Add(streamId);
            }

            // One part per container holding its events: the record is done when every one of them is delivered.
            tracker!.HandOut(offset, streamsOfRecord.Count);
        }

        var containers = new List<IBatchContainer>(order.Count);
        foreach (var streamId in order)
        {
            containers.Add(new KafkaBatchContainer(streamId, [.. byStream[streamId]], tracker));
        }

        return containers;
    }

    private static int NewStreams(KafkaRecordMapping mapping, Dictionary<StreamId, List<KafkaEventItem>> byStream)
    {
        var count = 0;
        foreach (var (streamId, _) in mapping.Events)
        {
            if (!byStream.ContainsKey(streamId))
            {
                count++;
            }
        }

        return count;
    }

    // A mapper that throws is a bug, not bad input; its record is dead-lettered so that the partition goes on.
    private KafkaRecordMapping MapSafely(ConsumeResult<byte[]?, byte[]> record)
    {
        try
        {
            return mapper.Map(record);
        }
        catch (Exception e)
        {
            LogMapperFailed(e, record.Topic, record.Partition.Value, record.Offset.Value);
            return KafkaRecordMapping.Refuse("MapperFailed", $"{e.GetType().Name}: {e.Message}");
        }
    }

    // The checkpoint stays before the record until its dead letter is stored: a failed send (the topic missing, the
    // brokers refusing) is tried again, backing off like a failed delivery, for as long as this silo has the queue.
    private async Task DeadLetterAsync(ConsumeResult<byte[]?, byte[]> record, RecordRefusal refusal)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await deadLetters.SendAsync(record, refusal);
                tracker!.Complete(record.Offset.Value);
                return;
            }
            catch (Exception e)
            {
                LogDeadLetterFailed(e, record.Topic, record.Partition.Value, record.Offset.Value);
            }

            try
            {
                await Task.Delay(backoff.Next(attempt), time, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return; // the queue's next owner refuses the record again
            }
        }
    }

    private async Task RunCheckpointsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CheckpointInterval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await CommitAsync(cancellationToken);
        }
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        var checkpoint = tracker!.Checkpoint;
        if (fenced || checkpoint <= committed)
        {
            return;
        }

        try
        {
            if (await checkpointer.CommitAsync(lease!, checkpoint, cancellationToken))
            {
                committed = checkpoint;
                telemetry.Commits.Add(1, topicTag);
            }
            else
            {
                fenced = true;
                telemetry.FencedCommits.Add(1, topicTag);
                LogFenced(partition.Topic, partition.Partition.Value, lease!.Epoch);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCommitFailed(e, partition.Topic, partition.Partition.Value); // PostgreSQL away: the next round writes it
        }
        catch (OperationCanceledException)
        {
            // Stopping; Shutdown writes the last checkpoint.
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Claimed {Topic}/{Partition} (epoch {Epoch}), reading from offset {ResumeAt}")]
    private partial void LogClaimed(string topic, int partition, long epoch, long? resumeAt);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Released {Topic}/{Partition} at offset {Committed} with {Outstanding} records in flight")]
    private partial void LogReleased(string topic, int partition, long committed, int outstanding);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Could not claim {Topic}/{Partition}; trying again at the next read")]
    private partial void LogClaimFailed(Exception error, string topic, int partition);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Could not write the checkpoint of {Topic}/{Partition}; trying again")]
    private partial void LogCommitFailed(Exception error, string topic, int partition);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning,
        Message = "{Topic}/{Partition} was claimed by another silo after epoch {Epoch}: this silo no longer writes its checkpoint")]
    private partial void LogFenced(string topic, int partition, long epoch);

    [LoggerMessage(EventId = 25, Level = LogLevel.Error, Message = "The record mapper failed on {Topic}/{Partition}@{Offset}; the record is dead-lettered")]
    private partial void LogMapperFailed(Exception error, string topic, int partition, long offset);

    [LoggerMessage(EventId = 26, Level = LogLevel.Error, Message = "Could not dead-letter {Topic}/{Partition}@{Offset}; trying again, its checkpoint stays before it")]
    private partial void LogDeadLetterFailed(Exception error, string topic, int partition, long offset);
}
