using Platform.Messaging;

namespace Platform.Gateway.Configuration;

/// <summary>Section "Kafka": where the gateway reads alerts from (it reaches grains through the Orleans cluster).</summary>
public sealed class GatewayKafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Required. "host:port[,host:port]".</summary>
    public string BootstrapServers { get; set; } = "";

    public string AlertsTopic { get; set; } = PlatformTopics.Alerts;

    /// <summary>SASL/TLS towards an external broker (Kafka:Security:*); empty: plaintext.</summary>
    public KafkaSecurityOptions Security { get; set; } = new();
}
