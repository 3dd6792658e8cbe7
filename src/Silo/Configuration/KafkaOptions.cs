using Platform.Messaging;

namespace Platform.Silo.Configuration;

/// <summary>Section "Kafka": the broker and the topic names (defaults are the platform's).</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Required. "host:port[,host:port]", or "embedded" for an in-process development broker.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Consumer group of the ingress stage.</summary>
    public string IngressGroup { get; set; } = "platform-ingress";

    /// <summary>Consumer group of the grain host: every silo joins it; Kafka places partitions, and with them grains.</summary>
    public string SiloGroup { get; set; } = "platform-silo";

    public string DeepStreamTopic { get; set; } = PlatformTopics.DeepStreamEvents;

    /// <summary>
    /// Direct mode: the grain host reads <see cref="DeepStreamTopic"/> itself, without ingress's re-key hop through
    /// <see cref="EventsTopic"/> (half the broker traffic). The device topic must have as many partitions as the
    /// grain topics and be keyed by sensor id with librdkafka's default partitioner, which is what DeepStream's
    /// Kafka adapter does; a record in another partition than its sensor's is forwarded through EventsTopic.
    /// </summary>
    public bool DirectDeviceTopic { get; set; }

    public string ClipsTopic { get; set; } = PlatformTopics.EdgeClips;

    public string StatusTopic { get; set; } = PlatformTopics.EdgeStatus;

    public string EventsTopic { get; set; } = PlatformTopics.Events;

    public string ControlTopic { get; set; } = PlatformTopics.Control;

    public string CommandsTopic { get; set; } = PlatformTopics.EdgeCommands;

    public string AlertsTopic { get; set; } = PlatformTopics.Alerts;

    public string DeadLetterTopic { get; set; } = PlatformTopics.DeadLetter;

    /// <summary>SASL/TLS towards an external broker (Kafka:Security:*); empty: plaintext.</summary>
    public KafkaSecurityOptions Security { get; set; } = new();

    public bool IsEmbedded => string.Equals(BootstrapServers, "embedded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem at once, each naming its key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            errors.Add("Kafka:BootstrapServers is required (host:port, or 'embedded').");
        }

        foreach (var (key, value) in new[]
        {
            ("IngressGroup", IngressGroup), ("SiloGroup", SiloGroup), ("DeepStreamTopic", DeepStreamTopic),
            ("ClipsTopic", ClipsTopic), ("StatusTopic", StatusTopic), ("EventsTopic", EventsTopic),
            ("ControlTopic", ControlTopic), ("CommandsTopic", CommandsTopic), ("AlertsTopic", AlertsTopic),
            ("DeadLetterTopic", DeadLetterTopic),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"Kafka:{key} must not be empty.");
            }
        }

        if (string.Equals(EventsTopic, ControlTopic, StringComparison.Ordinal))
        {
            errors.Add("Kafka:EventsTopic and Kafka:ControlTopic must be different topics.");
        }

        errors.AddRange(Security.Validate("Kafka:Security"));
        return errors;
    }
}
