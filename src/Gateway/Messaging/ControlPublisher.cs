using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Platform.Gateway.Configuration;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Messaging;

namespace Platform.Gateway.Messaging;

/// <summary>
/// Sends control messages to grains on `platform.control`, keyed by grain id with the platform's partitioner, so
/// that they meet the grain's events in its partition: configuration changes and manual recordings.
/// </summary>
public sealed class ControlPublisher : IDisposable
{
    public static readonly ActivitySource Source = new("Platform.Gateway");

    private readonly IProducer<string, byte[]> producer;
    private readonly string topic;
    private readonly TimeProvider clock;

    public ControlPublisher(IOptions<GatewayKafkaOptions> options, TimeProvider clock)
    {
        var settings = KafkaClientSettings.Producer(options.Value.BootstrapServers, $"gateway-{Environment.ProcessId}");
        // A request waits for this: fail it after a while instead of hanging while Kafka is down.
        settings.MessageTimeoutMs = 10_000;
        producer = new ProducerBuilder<string, byte[]>(options.Value.Security.ApplyTo(settings)).Build();
        topic = options.Value.ControlTopic;
        this.clock = clock;
    }

    /// <summary>Delivers <paramref name="message"/> to <paramref name="grain"/>; completes when the broker has it.</summary>
    public async Task SendAsync(GrainKey grain, GrainMessage message, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"send {message.GetType().Name}", ActivityKind.Producer);
        activity?.SetTag("platform.grain", grain.Value);
        var envelope = new GrainEnvelope
        {
            MessageId = $"gateway/{Guid.NewGuid():N}",
            GrainKey = grain,
            OccurredAt = clock.GetUtcNow(),
            Message = message,
        };
        await producer.ProduceAsync(topic, new Message<string, byte[]>
        {
            Key = grain.PartitionKey,
            Value = JsonSerializer.SerializeToUtf8Bytes(envelope, GrainJsonContext.Default.GrainEnvelope),
            Headers = TraceContextHeaders.Inject(Activity.Current, []),
        }, cancellationToken);
    }

    /// <summary>Throws when no broker answers a metadata request within <paramref name="timeout"/>.</summary>
    public void CheckBroker(TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        var metadata = admin.GetMetadata(topic, timeout);
        if (metadata.Brokers.Count == 0)
        {
            throw new KafkaException(ErrorCode.BrokerNotAvailable);
        }
    }

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(5));
        producer.Dispose();
    }
}
