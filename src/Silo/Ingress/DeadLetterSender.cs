using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Silo.Configuration;
using Platform.Silo.Kafka;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Ingress;

/// <summary>
/// Sends a refused external record on, unchanged (key and bytes), to the dead-letter topic with headers naming the
/// reason and where it came from, so that it can be inspected and replayed; counts it and logs it rate-limited.
/// Used by ingress and, in direct mode, by the partition worker that read the device topic.
/// </summary>
public sealed partial class DeadLetterSender(
    IOptions<KafkaOptions> options,
    SharedProducer producer,
    SiloTelemetry telemetry,
    TimeProvider time,
    ILogger<DeadLetterSender> logger)
{
    private readonly string topic = options.Value.DeadLetterTopic;
    private readonly LogRateLimiter logLimiter = new(time, perWindow: 10, TimeSpan.FromMinutes(1));

    /// <summary>Completes when the broker has the dead letter; the source offset may be committed only then.</summary>
    public async Task SendAsync(string sourceTopic, int partition, long offset, string? key, byte[] value, Headers? headers, IngressRejection rejection)
    {
        telemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("reason", rejection.Reason.ToString()));
        if (logLimiter.TryAcquire(out var suppressed))
        {
            LogRejected(sourceTopic, partition, offset, rejection.Reason, rejection.Detail, suppressed);
        }

        headers ??= [];
        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(rejection.Reason.ToString()));
        headers.Add(DeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(rejection.Detail.Length > 1000 ? rejection.Detail[..1000] : rejection.Detail));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(sourceTopic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));
        var message = new Message<string, byte[]> { Key = key!, Value = value, Headers = headers };
        try
        {
            await ProduceAsync(message);
        }
        catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.MsgSizeTooLarge)
        {
            // Larger than a producer may send: keep its start, and say how large it was, rather than stop.
            headers.Add(DeadLetterHeaders.TruncatedFrom, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
            message.Value = value[..DeadLetterHeaders.TruncatedLength];
            await ProduceAsync(message);
        }
    }

    private async Task ProduceAsync(Message<string, byte[]> message)
    {
        while (true)
        {
            try
            {
                await producer.Producer.ProduceAsync(topic, message);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), time);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Dead-lettered {Topic}/{Partition}@{Offset}: {Reason} ({Detail}); {Suppressed} similar lines suppressed before this one")]
    private partial void LogRejected(string topic, int partition, long offset, DeadLetterReason reason, string detail, int suppressed);
}
