using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>A fresh set of the silo's topics for one test, as the "Kafka:*Topic" configuration keys.</summary>
internal static class SiloTopics
{
    public const int GrainPartitions = 8;

    public static Dictionary<string, string> Create(KafkaFixture kafka) => Create(kafka.Broker, Guid.NewGuid().ToString("N"));

    /// <summary>The topics named with <paramref name="suffix"/>: two brokers given one suffix hold identically named topics.</summary>
    public static Dictionary<string, string> Create(EmbeddedKafkaBroker broker, string suffix)
    {
        var topics = new Dictionary<string, (string Name, int Partitions)>
        {
            ["DeepStreamTopic"] = ("ds", GrainPartitions), // as many as the grain topics: direct mode reads it
            ["ClipsTopic"] = ("clips", 2),
            ["StatusTopic"] = ("status", 2),
            ["EventsTopic"] = ("events", GrainPartitions),
            ["ControlTopic"] = ("control", GrainPartitions),
            ["CommandsTopic"] = ("commands", 2),
            ["AlertsTopic"] = ("alerts", 2),
            ["DeadLetterTopic"] = ("dead", 2),
        };
        foreach (var (name, partitions) in topics.Values)
        {
            broker.CreateTopic($"{name}-{suffix}", partitions);
        }

        return topics.ToDictionary(t => t.Key, t => $"{t.Value.Name}-{suffix}");
    }

    /// <summary>The configuration of a silo on these topics, its own consumer groups and database.</summary>
    public static Dictionary<string, string?> Configuration(KafkaFixture kafka, IReadOnlyDictionary<string, string> topics,
        string connectionString, string groupSuffix) => Configuration(kafka.BootstrapServers, topics, connectionString, groupSuffix);

    public static Dictionary<string, string?> Configuration(string bootstrapServers, IReadOnlyDictionary<string, string> topics,
        string connectionString, string groupSuffix)
    {
        var settings = topics.ToDictionary(t => $"Kafka:{t.Key}", t => (string?)t.Value);
        settings["Kafka:BootstrapServers"] = bootstrapServers;
        settings["Kafka:IngressGroup"] = $"ingress-{groupSuffix}";
        settings["Kafka:SiloGroup"] = $"silo-{groupSuffix}";
        settings["Postgres:ConnectionString"] = connectionString;
        return settings;
    }
}
