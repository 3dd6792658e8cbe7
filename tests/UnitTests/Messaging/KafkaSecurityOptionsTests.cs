using Confluent.Kafka;
using Platform.Messaging;

namespace Platform.UnitTests.Messaging;

public sealed class KafkaSecurityOptionsTests
{
    [Fact]
    public void Given_settings_are_applied_to_the_client_config_and_the_rest_left_alone()
    {
        var security = new KafkaSecurityOptions
        {
            Protocol = "saslssl", SaslMechanism = "ScramSha512", SaslUsername = "silo", SaslPassword = "s3cret", SslCaLocation = "/etc/kafka-ca/ca.crt",
        };

        var config = security.ApplyTo(KafkaClientSettings.Producer("broker:9093", "test"));

        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
        Assert.Equal(("silo", "s3cret", "/etc/kafka-ca/ca.crt"), (config.SaslUsername, config.SaslPassword, config.SslCaLocation));
        Assert.Equal(Partitioner.ConsistentRandom, config.Partitioner);
    }

    [Fact]
    public void Empty_settings_keep_plaintext_as_the_embedded_broker_needs()
    {
        var config = new KafkaSecurityOptions { Protocol = "", SaslMechanism = "" }.ApplyTo(new ConsumerConfig());

        Assert.Null(config.SecurityProtocol);
        Assert.Null(config.SaslMechanism);
        Assert.Empty(new KafkaSecurityOptions().Validate("Kafka:Security"));
    }

    [Fact]
    public void Unknown_protocol_and_mechanism_are_both_reported_with_their_keys()
    {
        var errors = new KafkaSecurityOptions { Protocol = "tls", SaslMechanism = "kerberos" }.Validate("Kafka:Security");

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Kafka:Security:Protocol", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Kafka:Security:SaslMechanism", errors[1], StringComparison.Ordinal);
    }
}
