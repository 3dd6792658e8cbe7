using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>
/// How a client authenticates to an external broker (a "Security" subsection of each service's Kafka section,
/// e.g. Kafka:Security:SaslPassword). All empty by default: plaintext, as the embedded broker needs.
/// The password is a secret: never logged.
/// </summary>
public sealed class KafkaSecurityOptions
{
    /// <summary>Plaintext, Ssl, SaslPlaintext or SaslSsl (librdkafka's security.protocol). Empty: plaintext.</summary>
    public string? Protocol { get; set; }

    /// <summary>Plain, ScramSha256 or ScramSha512. Used with the SASL protocols.</summary>
    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    public string? SaslPassword { get; set; }

    /// <summary>PEM file of the CA that signed the brokers' certificates; empty: the OS trust store.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>Every problem at once, each naming its key under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(Protocol) && !Enum.TryParse<SecurityProtocol>(Protocol, ignoreCase: true, out _))
        {
            errors.Add($"{section}:Protocol must be Plaintext, Ssl, SaslPlaintext or SaslSsl.");
        }

        if (!string.IsNullOrWhiteSpace(SaslMechanism) && !Enum.TryParse<SaslMechanism>(SaslMechanism, ignoreCase: true, out _))
        {
            errors.Add($"{section}:SaslMechanism must be Plain, ScramSha256 or ScramSha512.");
        }

        return errors;
    }

    /// <summary>Sets the security properties that are given on <paramref name="config"/> and returns it.</summary>
    public T ApplyTo<T>(T config)
        where T : ClientConfig
    {
        if (!string.IsNullOrWhiteSpace(Protocol))
        {
            config.SecurityProtocol = Enum.Parse<SecurityProtocol>(Protocol, ignoreCase: true);
        }

        if (!string.IsNullOrWhiteSpace(SaslMechanism))
        {
            config.SaslMechanism = Enum.Parse<SaslMechanism>(SaslMechanism, ignoreCase: true);
        }

        if (!string.IsNullOrEmpty(SaslUsername))
        {
            config.SaslUsername = SaslUsername;
        }

        if (!string.IsNullOrEmpty(SaslPassword))
        {
            config.SaslPassword = SaslPassword;
        }

        if (!string.IsNullOrWhiteSpace(SslCaLocation))
        {
            config.SslCaLocation = SslCaLocation;
        }

        return config;
    }
}
