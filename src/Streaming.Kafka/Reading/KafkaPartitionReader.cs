using System.Collections.Concurrent;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Platform.Streaming.Kafka.Reading;

/// <summary>
/// The silo's one Kafka consumer for a stream provider. Receivers open and close partitions on it as Orleans'
/// queue balancer gives this silo queues; it uses manual assignment (<c>IncrementalAssign</c> at the stored
/// checkpoint), never group rebalancing, so placement is Orleans' alone. One consumer fetches every assigned
/// partition over one connection per broker, which is what makes reading 100+ partitions cheap; each record goes
/// to its partition's <see cref="PartitionBuffer"/>. Assignment changes run on the consumer's own thread.
/// </summary>
internal sealed partial class KafkaPartitionReader : IPartitionReader, IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly IConsumer<byte[]?, byte[]> consumer;
    private readonly ConcurrentDictionary<TopicPartition, PartitionBuffer> buffers = new();
    private readonly ConcurrentQueue<Action> commands = new();
    private readonly int bufferLimit;
    private readonly ILogger logger;
    private readonly Thread thread;
    private volatile bool stopping;

    public KafkaPartitionReader(string providerName, KafkaStreamOptions options, ILogger logger)
    {
        this.logger = logger;
        bufferLimit = options.MaxBufferedRecordsPerQueue;
        var config = new ConsumerConfig(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = string.Create(CultureInfo.InvariantCulture, $"orleans-{providerName}-{Environment.ProcessId}"),
            // Never joined (partitions are assigned by hand), but librdkafka wants a group for a consumer.
            GroupId = $"orleans-{providerName}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            // A stored checkpoint older than the log start (retention deleted it) resumes at the oldest record kept.
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // The broker answers a fetch as soon as data arrives or after this: a quiet partition's next record is not held back.
            FetchWaitMaxMs = 10,
            FetchMaxBytes = 16 * 1024 * 1024,
            QueuedMinMessages = 100_000,
        };
        consumer = new ConsumerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler((_, error) => LogKafkaError(error.Code, error.Reason))
            .Build();
        thread = new Thread(Run) { IsBackground = true, Name = $"kafka-{providerName}" };
        thread.Start();
    }

    /// <summary>Starts fetching <paramref name="partition"/> at <paramref name="offset"/> (null: the beginning).</summary>
    public PartitionBuffer Open(TopicPartition partition, long? offset)
    {
        var buffer = new PartitionBuffer(partition, bufferLimit);
        buffers[partition] = buffer;
        var start = new TopicPartitionOffset(partition, offset is { } at ? new Offset(at) : Offset.Beginning);
        commands.Enqueue(() => consumer.IncrementalAssign([start]));
        return buffer;
    }

    /// <summary>Stops fetching <paramref name="partition"/>; records still arriving for it are dropped (its next owner reads them).</summary>
    public void Close(TopicPartition partition)
    {
        if (buffers.TryRemove(partition, out _))
        {
            commands.Enqueue(() => consumer.IncrementalUnassign([partition]));
        }
    }

    /// <summary>The receiver took enough from a paused partition: fetch it again.</summary>
    public void Resume(PartitionBuffer buffer) => commands.Enqueue(() =>
    {
        if (buffer.IsPaused && buffers.ContainsKey(buffer.Partition))
        {
            consumer.Resume([buffer.Partition]);
        }

        buffer.MarkPaused(false);
    });

    public void Dispose()
    {
        stopping = true;
        if (!thread.Join(StopTimeout))
        {
            LogStopTimedOut(StopTimeout.TotalSeconds);
            return; // the thread may still use the consumer: leave it to the process's end
        }

        consumer.Close();
        consumer.Dispose();
    }

    private void Run()
    {
        while (!stopping)
        {
            while (commands.TryDequeue(out var command))
            {
                RunCommand(command);
            }

            ConsumeResult<byte[]?, byte[]>? record;
            try
            {
                record = consumer.Consume(PollTimeout);
            }
            catch (ConsumeException e)
            {
                LogConsumeError(e.Error.Code, e.Error.Reason);
                continue;
            }

            if (record is null || record.IsPartitionEOF)
            {
                continue;
            }

            if (buffers.TryGetValue(record.TopicPartition, out var buffer) && buffer.Add(record) && !buffer.IsPaused)
            {
                buffer.MarkPaused(true);
                RunCommand(() => consumer.Pause([record.TopicPartition]));
            }
        }
    }

    private void RunCommand(Action command)
    {
        try
        {
            command();
        }
        catch (KafkaException e)
        {
            LogCommandFailed(e.Error.Code, e.Error.Reason);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Kafka consumer error {Code}: {Reason}")]
    private partial void LogKafkaError(ErrorCode code, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Kafka consume failed {Code}: {Reason}")]
    private partial void LogConsumeError(ErrorCode code, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Changing the Kafka consumer's assignment failed {Code}: {Reason}")]
    private partial void LogCommandFailed(ErrorCode code, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The Kafka consumer did not stop within {Seconds} s")]
    private partial void LogStopTimedOut(double seconds);
}
