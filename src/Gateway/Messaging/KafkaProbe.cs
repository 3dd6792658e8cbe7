using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Platform.Gateway.Configuration;
using Platform.Messaging;

namespace Platform.Gateway.Messaging;

/// <summary>Readiness: a broker answers a metadata request for the alerts topic (the feed the UI follows).</summary>
public sealed class KafkaProbe : IDisposable
{
    private readonly IProducer<string, byte[]> producer;
    private readonly string topic;

    public KafkaProbe(IOptions<GatewayKafkaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Never sends: it only hosts the handle metadata requests go through.
        var settings = KafkaClientSettings.Producer(options.Value.BootstrapServers, $"gateway-probe-{Environment.ProcessId}");
        producer = new ProducerBuilder<string, byte[]>(options.Value.Security.ApplyTo(settings)).Build();
        topic = options.Value.AlertsTopic;
    }

    /// <summary>Throws when no broker answers within <paramref name="timeout"/>.</summary>
    public void CheckBroker(TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        if (admin.GetMetadata(topic, timeout).Brokers.Count == 0)
        {
            throw new KafkaException(ErrorCode.BrokerNotAvailable);
        }
    }

    public void Dispose() => producer.Dispose();
}
