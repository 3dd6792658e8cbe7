using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Platform.Streaming.Kafka.Mapping;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Platform.Streaming.Kafka.DeadLetters;

/// <summary>
/// Sends a refused record on, unchanged (key, bytes and headers), to the dead-letter topic with headers naming the
/// reason and where it came from, so that it can be inspected and replayed. The partition's checkpoint moves past
/// the record only once the broker has its dead letter. Logs rate-limited: a flood of bad input is one line a second.
/// </summary>
internal sealed partial class DeadLetterPublisher : IDeadLetterSink, IDisposable
{
    private readonly IProducer<byte[]?, byte[]> producer;
    private readonly string topic;
    private readonly KafkaStreamTelemetry telemetry;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private long lastLogTicks;
    private int suppressed;

    public DeadLetterPublisher(string providerName, KafkaStreamOptions options, KafkaStreamTelemetry telemetry, TimeProvider time, ILogger logger)
    {
        topic = options.DeadLetterTopic;
        this.telemetry = telemetry;
        this.time = time;
        this.logger = logger;
        var config = new ProducerConfig(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = string.Create(CultureInfo.InvariantCulture, $"orleans-{providerName}-deadletters-{Environment.ProcessId}"),
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 0, // retried until the broker has it: a dead letter is never dropped
        };
        producer = new ProducerBuilder<byte[]?, byte[]>(config).Build();
    }

    /// <summary>Completes when the broker has the dead letter.</summary>
    public async Task SendAsync(ConsumeResult<byte[]?, byte[]> record, RecordRefusal refusal)
    {
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        var detail = refusal.Detail.Length > DeadLetterHeaders.MaxDetailLength ? refusal.Detail[..DeadLetterHeaders.MaxDetailLength] : refusal.Detail;
        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(refusal.Reason));
        headers.Add(DeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(detail));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        var value = record.Message.Value ?? [];
        var message = new Message<byte[]?, byte[]> { Key = record.Message.Key, Value = value, Headers = headers };
        try
        {
            await ProduceAsync(message);
        }
        catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.MsgSizeTooLarge)
        {
            // Larger than a producer may send: keep its start, and say how large it was, rather than stop the partition.
            headers.Add(DeadLetterHeaders.TruncatedFrom, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
            message.Value = value[..Math.Min(value.Length, DeadLetterHeaders.TruncatedLength)];
            await ProduceAsync(message);
        }

        // Counted once stored: a send that failed is tried again by the receiver.
        telemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("reason", refusal.Reason));
        Log(record, refusal);
    }

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(5));
        producer.Dispose();
    }

    private async Task ProduceAsync(Message<byte[]?, byte[]> message)
    {
        while (true)
        {
            try
            {
                await producer.ProduceAsync(topic, message);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), time);
            }
        }
    }

    private void Log(ConsumeResult<byte[]?, byte[]> record, RecordRefusal refusal)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref lastLogTicks);
        if (last != 0 && time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
        {
            Interlocked.Increment(ref suppressed);
            return;
        }

        Interlocked.Exchange(ref lastLogTicks, now);
        LogRefused(record.Topic, record.Partition.Value, record.Offset.Value, refusal.Reason, refusal.Detail, Interlocked.Exchange(ref suppressed, 0));
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "Dead-lettered {Topic}/{Partition}@{Offset}: {Reason} ({Detail}); {Suppressed} more since the last line")]
    private partial void LogRefused(string topic, int partition, long offset, string reason, string detail, int suppressed);
}
