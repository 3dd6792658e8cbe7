using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Streams;
using Platform.Streaming.Kafka;
using Platform.Streaming.Kafka.Caching;
using Platform.Streaming.Kafka.Checkpoints;
using Platform.Streaming.Kafka.DeadLetters;
using Platform.Streaming.Kafka.Mapping;
using Platform.Streaming.Kafka.Reading;

namespace Platform.UnitTests.Streaming;

/// <summary>
/// A receiver on partition 3 of "devices", with a fake clock, an in-memory checkpoint store, records put straight
/// into its partition buffer, and a mapper for test records: the value "a,b" is one event for stream a and one for
/// stream b; "bad" is refused.
/// </summary>
internal sealed class KafkaReceiverHarness : IPartitionReader, IDeadLetterSink, IKafkaRecordMapper, IKafkaCheckpointer, IDisposable
{
    public const string Topic = "devices";
    public static readonly TopicPartition Partition = new(Topic, new Partition(3));

    private readonly KafkaStreamTelemetry telemetry = new(new TestMeterFactory());

    public KafkaReceiverHarness(long? storedOffset = null)
    {
        Stored = storedOffset;
        Options = new KafkaStreamOptions
        {
            BootstrapServers = "unused:9092",
            Topics = [Topic],
            DeadLetterTopic = "dead",
            ReadWait = TimeSpan.FromMilliseconds(50),
            CheckpointInterval = TimeSpan.FromSeconds(1),
        };
        Receiver = new KafkaAdapterReceiver(Partition, this, this, this, this, Options, telemetry, Clock, NullLogger.Instance);
    }

    public FakeTimeProvider Clock { get; } = new();

    public KafkaStreamOptions Options { get; }

    public KafkaAdapterReceiver Receiver { get; }

    public KafkaQueueCache Cache { get; } = new(maxEvents: 1000, maxStreams: 1000, new DeliveryBudget(1000, 10_000));

    public PartitionBuffer? Buffer { get; private set; }

    public long? OpenedAt { get; private set; }

    public long? Stored { get; private set; }

    public long Epoch { get; private set; }

    public List<long> Commits { get; } = [];

    public List<(long Offset, string Reason)> DeadLettered { get; } = [];

    /// <summary>Completes the next dead letter's send when set; null: sends complete at once.</summary>
    public TaskCompletionSource? DeadLetterGate { get; set; }

    public int ClaimFailuresLeft { get; set; }

    /// <summary>Dead-letter sends that fail (the broker refusing) before they succeed.</summary>
    public int DeadLetterFailuresLeft { get; set; }

    public void Add(long offset, string value) => Buffer!.Add(new ConsumeResult<byte[]?, byte[]>
    {
        TopicPartitionOffset = new TopicPartitionOffset(Partition, new Offset(offset)),
        Message = new Message<byte[]?, byte[]> { Key = null, Value = Encoding.UTF8.GetBytes(value) },
    });

    public async Task<IList<IBatchContainer>> ReadAsync()
    {
        var read = await Receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Cache.AddToCache(read);
        return read;
    }

    /// <summary>Delivers every cached container of <paramref name="stream"/> (a consumer reading it to the end).</summary>
    public void Deliver(string stream)
    {
        using var cursor = Cache.TryGetCacheCursor(StreamId.Create("s", stream), null).Cursor!;
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
        }
    }

    /// <summary>
    /// Moves the clock on by checkpoint intervals until the receiver tries a commit, and returns what is stored. The
    /// checkpoint loop re-arms its timer after each commit on another thread, so one step may come before the timer
    /// exists; stepping again then lets it fire.
    /// </summary>
    public async Task<long> NextCheckpointAsync()
    {
        var before = CommitAttempts;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (CommitAttempts == before)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new TimeoutException("No checkpoint was written within 5 s.");
            }

            Clock.Advance(Options.CheckpointInterval);
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        return Stored!.Value;
    }

    /// <summary>Commits tried, accepted or refused.</summary>
    public int CommitAttempts => Volatile.Read(ref commitAttempts);

    private int commitAttempts;

    // IPartitionReader
    public PartitionBuffer Open(TopicPartition partition, long? offset)
    {
        OpenedAt = offset;
        return Buffer = new PartitionBuffer(partition, 100);
    }

    public void Close(TopicPartition partition) => Buffer = null;

    public void Resume(PartitionBuffer buffer) => buffer.MarkPaused(false);

    // IDeadLetterSink
    public async Task SendAsync(ConsumeResult<byte[]?, byte[]> record, RecordRefusal refusal)
    {
        if (DeadLetterGate is { } gate)
        {
            await gate.Task;
        }

        if (DeadLetterFailuresLeft > 0)
        {
            DeadLetterFailuresLeft--;
            throw new KafkaException(ErrorCode.TopicAuthorizationFailed);
        }

        lock (DeadLettered)
        {
            DeadLettered.Add((record.Offset.Value, refusal.Reason));
        }
    }

    // IKafkaRecordMapper
    public KafkaRecordMapping Map(ConsumeResult<byte[]?, byte[]> record)
    {
        var value = Encoding.UTF8.GetString(record.Message.Value);
        return value == "bad"
            ? KafkaRecordMapping.Refuse("Bad", "the value says so")
            : KafkaRecordMapping.Accept([.. value.Split(',').Select(s => new KafkaStreamEvent(StreamId.Create("s", s), $"{value}@{record.Offset.Value}"))]);
    }

    // IKafkaCheckpointer
    public Task<PartitionLease> ClaimAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        if (ClaimFailuresLeft-- > 0)
        {
            throw new InvalidOperationException("PostgreSQL is away");
        }

        Epoch++;
        return Task.FromResult(new PartitionLease(topic, partition, Epoch, Stored));
    }

    public Task<bool> CommitAsync(PartitionLease lease, long nextOffset, CancellationToken cancellationToken)
    {
        var accepted = lease.Epoch == Epoch;
        if (accepted)
        {
            Stored = nextOffset;
            lock (Commits)
            {
                Commits.Add(nextOffset);
            }
        }

        Interlocked.Increment(ref commitAttempts);
        return Task.FromResult(accepted);
    }

    /// <summary>Another silo takes the partition.</summary>
    public void ClaimedElsewhere() => Epoch++;

    public void Dispose() => telemetry.Dispose();

    private sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
