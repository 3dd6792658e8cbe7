using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>A fresh set of the silo's topics for one test, as the "Kafka:*Topic" configuration keys.</summary>
internal static class SiloTopics
{
    public const int GrainPartitions = 8;

    public static Dictionary<string, string> Create(KafkaFixture kafka) => new()
    {
        ["DeepStreamTopic"] = kafka.CreateTopic("ds", 4),
        ["ClipsTopic"] = kafka.CreateTopic("clips", 2),
        ["StatusTopic"] = kafka.CreateTopic("status", 2),
        ["EventsTopic"] = kafka.CreateTopic("events", GrainPartitions),
        ["ControlTopic"] = kafka.CreateTopic("control", GrainPartitions),
        ["CommandsTopic"] = kafka.CreateTopic("commands", 2),
        ["AlertsTopic"] = kafka.CreateTopic("alerts", 2),
        ["DeadLetterTopic"] = kafka.CreateTopic("dead", 2),
    };

    /// <summary>The configuration of a silo on these topics, its own consumer groups and database.</summary>
    public static Dictionary<string, string?> Configuration(KafkaFixture kafka, IReadOnlyDictionary<string, string> topics,
        string connectionString, string groupSuffix)
    {
        var settings = topics.ToDictionary(t => $"Kafka:{t.Key}", t => (string?)t.Value);
        settings["Kafka:BootstrapServers"] = kafka.BootstrapServers;
        settings["Kafka:IngressGroup"] = $"ingress-{groupSuffix}";
        settings["Kafka:SiloGroup"] = $"silo-{groupSuffix}";
        settings["Postgres:ConnectionString"] = connectionString;
        return settings;
    }
}
