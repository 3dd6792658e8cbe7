using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.Messaging;
using Platform.ServiceDefaults.Health;

namespace Platform.EdgeAgent.Messaging;

/// <summary>The process's one long-lived producer (clips and heartbeats), and the settings of the commands and config consumers.</summary>
/// <remarks>Raises <see cref="ProducerSignal"/> once the producer exists: part of the agent's readiness.</remarks>
internal sealed class KafkaClients : IDisposable
{
    public const string ProducerSignal = "kafka-producer";

    private readonly Lazy<IProducer<string, byte[]>> producer;

    public KafkaClients(IOptions<KafkaOptions> kafka, IOptions<EdgeAgentOptions> agent, ReadinessSignals readiness)
    {
        Options = kafka.Value;
        AgentId = agent.Value.AgentId;
        producer = new Lazy<IProducer<string, byte[]>>(() =>
        {
            var config = Options.Security.ApplyTo(KafkaClientSettings.Producer(Options.BootstrapServers, $"edge-agent-{AgentId}"));
            // A send gives up after 30 s instead of never: the spool keeps the clip and retries with backoff.
            config.MessageTimeoutMs = 30_000;
            // Clip announcements and heartbeats are single records seconds apart: there is nothing to batch, and a
            // linger would only add its wait to every announcement.
            config.LingerMs = 0;
            var built = new ProducerBuilder<string, byte[]>(config).Build();
            readiness.Raise(ProducerSignal);
            return built;
        });
    }

    public KafkaOptions Options { get; }

    public string AgentId { get; }

    public IProducer<string, byte[]> Producer => producer.Value;

    public ConsumerConfig CommandsConsumerConfig() => Options.Security.ApplyTo(new ConsumerConfig
    {
        BootstrapServers = Options.BootstrapServers,
        GroupId = Options.GroupId ?? $"edge-agent-{AgentId}",
        ClientId = $"edge-agent-{AgentId}",
        AutoOffsetReset = string.Equals(Options.AutoOffsetReset, "Earliest", StringComparison.OrdinalIgnoreCase)
            ? AutoOffsetReset.Earliest
            : AutoOffsetReset.Latest,
        // Offsets are stored by hand once a command is applied and its effect saved; auto commit sends them.
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        SessionTimeoutMs = 10_000,
        HeartbeatIntervalMs = 1_000,
        MaxPollIntervalMs = 60_000,
    });

    /// <summary>
    /// The edge.config reader: partitions assigned by hand and read from the start, no group join and no commit (the
    /// agent's principal needs only read on the topic), and an end-of-partition event so that the agent knows when it
    /// has read everything there was and can apply the newest config it found.
    /// </summary>
    public ConsumerConfig ConfigConsumerConfig() => Options.Security.ApplyTo(new ConsumerConfig
    {
        BootstrapServers = Options.BootstrapServers,
        // The client wants a group id even for assigned partitions; it never joins or commits to it.
        GroupId = $"edge-agent-{AgentId}-config",
        ClientId = $"edge-agent-{AgentId}-config",
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        EnablePartitionEof = true,
        AutoOffsetReset = AutoOffsetReset.Earliest,
    });

    public void Dispose()
    {
        if (producer.IsValueCreated)
        {
            producer.Value.Flush(TimeSpan.FromSeconds(5));
            producer.Value.Dispose();
        }
    }
}
