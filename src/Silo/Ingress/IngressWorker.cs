using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Json;
using Platform.Messaging;
using Platform.ServiceDefaults.Health;
using Platform.Silo.Configuration;
using Platform.Silo.Kafka;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Ingress;

/// <summary>
/// Reads the external topics, validates and normalizes each record (<see cref="IngressRouter"/>) and
/// produces the envelopes keyed by grain id to `platform.events`, or the record unchanged to the dead-letter
/// topic. Consumed offsets are committed only after everything produced from them is delivered: a crash
/// re-reads, and the grain host skips what it already applied.
/// </summary>
public sealed partial class IngressWorker(
    IOptions<KafkaOptions> options,
    IngressRouter router,
    SharedProducer producer,
    DeadLetterSender deadLetters,
    SiloTelemetry telemetry,
    ReadinessSignals readiness,
    ILogger<IngressWorker> logger) : BackgroundService
{
    /// <summary>Raised while the ingress consumer is subscribed: part of the silo's readiness.</summary>
    public const string ReadinessSignal = "ingress-consumer";

    private const int MaxRecordsPerCommit = 50_000;
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    private readonly KafkaOptions kafka = options.Value;
    private readonly List<Task> deadLettersInFlight = [];
    private int failedDeliveries;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var consumer = new ConsumerBuilder<byte[]?, byte[]>(
                kafka.Security.ApplyTo(KafkaClientSettings.GroupMember(kafka.BootstrapServers, kafka.IngressGroup, $"ingress-{Environment.ProcessId}")))
            .SetPartitionsRevokedHandler((c, _) => CommitDelivered(c))
            .Build();
        // In direct mode the grain host reads the device topic; ingress keeps the edge topics.
        consumer.Subscribe(kafka.DirectDeviceTopic ? [kafka.ClipsTopic, kafka.StatusTopic] : [kafka.DeepStreamTopic, kafka.ClipsTopic, kafka.StatusTopic]);
        readiness.Raise(ReadinessSignal);
        var sinceCommit = 0;
        var lastCommit = Stopwatch.StartNew();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(50));
                if (record is not null)
                {
                    Handle(record);
                    sinceCommit++;
                }

                if (sinceCommit >= MaxRecordsPerCommit || (sinceCommit > 0 && lastCommit.Elapsed >= CommitInterval))
                {
                    CommitDelivered(consumer);
                    sinceCommit = 0;
                    lastCommit.Restart();
                }
            }

            CommitDelivered(consumer);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            readiness.Lower(ReadinessSignal);
            ConsumerClose.CloseWithin(consumer, ConsumerClose.DefaultBound);
        }
    }

    private void Handle(ConsumeResult<byte[]?, byte[]> record)
    {
        var parent = TraceContextHeaders.Extract(record.Message.Headers);
        using var activity = SiloTelemetry.Source.StartActivity("ingress " + record.Topic, ActivityKind.Consumer, parent);
        telemetry.IngressRecords.Add(1, new KeyValuePair<string, object?>("topic", record.Topic));
        var value = record.Message.Value ?? [];
        var output = router.Route(record.Topic, record.Partition.Value, record.Offset.Value, value);
        if (output.Rejection is { } rejection)
        {
            DeadLetter(record, rejection);
            activity?.SetStatus(ActivityStatusCode.Error, rejection.Reason.ToString());
            return;
        }

        foreach (var envelope in output.Envelopes)
        {
            var headers = TraceContextHeaders.Inject(activity, [], parent);
            var serialized = JsonSerializer.SerializeToUtf8Bytes(envelope, GrainJsonContext.Default.GrainEnvelope);
            try
            {
                Produce(kafka.EventsTopic, new Message<string, byte[]> { Key = envelope.GrainKey.PartitionKey, Value = serialized, Headers = headers });
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.MsgSizeTooLarge)
            {
                // A record under the payload limit whose envelope (escaped, with its own fields) is over the producer's: refused, not fatal.
                DeadLetter(record, new IngressRejection(DeadLetterReason.TooLarge, $"its envelope is {serialized.Length} bytes, more than the producer may send"));
                activity?.SetStatus(ActivityStatusCode.Error, nameof(DeadLetterReason.TooLarge));
                return;
            }
        }
    }

    private void DeadLetter(ConsumeResult<byte[]?, byte[]> record, IngressRejection rejection) =>
        deadLettersInFlight.Add(deadLetters.SendAsync(record.Topic, record.Partition.Value, record.Offset.Value,
            record.Message.Key is null ? null : Encoding.UTF8.GetString(record.Message.Key), record.Message.Value ?? [], record.Message.Headers, rejection));

    private void Produce(string topic, Message<string, byte[]> message)
    {
        while (true)
        {
            try
            {
                producer.Producer.Produce(topic, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref failedDeliveries);
                        LogDeliveryFailed(report.Topic, report.Error.Reason);
                    }
                });
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    // Offsets move only past records whose outputs the broker acknowledged.
    private void CommitDelivered(IConsumer<byte[]?, byte[]> consumer)
    {
        producer.Producer.Flush(Timeout.InfiniteTimeSpan);
        var deadLettered = Task.WhenAll(deadLettersInFlight);
        deadLettersInFlight.Clear();
        deadLettered.ContinueWith(_ => { }, TaskScheduler.Default).Wait(); // a failure is reported below, with failed deliveries
        if (Interlocked.Exchange(ref failedDeliveries, 0) > 0 || deadLettered.IsFaulted)
        {
            throw new InvalidOperationException("Ingress could not deliver some records; it stops without committing so that they are read again.");
        }

        try
        {
            consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.Local_NoOffset or ErrorCode.RebalanceInProgress)
        {
            // Nothing consumed since the last commit, or the group is rebalancing: the next commit covers it.
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Delivery to {Topic} failed: {Reason}")]
    private partial void LogDeliveryFailed(string topic, string reason);
}
