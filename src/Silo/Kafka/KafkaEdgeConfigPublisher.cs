using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Platform.Grains.Edge;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;
using Platform.Silo.Configuration;

namespace Platform.Silo.Kafka;

/// <summary>Desired agent configurations to `edge.config`, keyed by agent id, on the silo's shared producer.</summary>
public sealed class KafkaEdgeConfigPublisher(SharedProducer producer, IOptions<KafkaOptions> options) : IEdgeConfigPublisher
{
    /// <summary>The gateway waits for the answer to a camera change: a broker that does not take it within this fails the send.</summary>
    private static readonly TimeSpan SendBound = TimeSpan.FromSeconds(5);

    public async Task PublishAsync(EdgeAgentConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(SendBound);
        await producer.Producer.ProduceAsync(options.Value.ConfigTopic, new Message<string, byte[]>
        {
            Key = config.AgentId,
            Value = JsonSerializer.SerializeToUtf8Bytes(config, EdgeJsonContext.Default.EdgeAgentConfig),
        }, bounded.Token);
    }
}
