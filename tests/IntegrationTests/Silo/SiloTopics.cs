using System.Globalization;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>A fresh set of the silo's topics for one test, as the "Kafka:*Topic" configuration keys, and a silo's configuration on them.</summary>
internal static class SiloTopics
{
    /// <summary>Partitions of the device topic: Orleans stream queues, spread over the silos.</summary>
    public const int DevicePartitions = 8;

    public static Dictionary<string, string> Create(KafkaFixture kafka) => Create(kafka.Broker, Guid.NewGuid().ToString("N"));

    /// <summary>The topics named with <paramref name="suffix"/>: two brokers given one suffix hold identically named topics.</summary>
    public static Dictionary<string, string> Create(EmbeddedKafkaBroker broker, string suffix, int devicePartitions = DevicePartitions)
    {
        var topics = new Dictionary<string, (string Name, int Partitions)>
        {
            ["DeepStreamTopic"] = ("ds", devicePartitions),
            ["ClipsTopic"] = ("clips", 2),
            ["StatusTopic"] = ("status", 2),
            ["SegmentsTopic"] = ("segments", 2),
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

    /// <summary>The topics the silo reads: their checkpoints say how far it got.</summary>
    public static IReadOnlyList<string> Read(IReadOnlyDictionary<string, string> topics) =>
        [topics["DeepStreamTopic"], topics["ClipsTopic"], topics["StatusTopic"], topics["SegmentsTopic"]];

    public static Dictionary<string, string?> Configuration(KafkaFixture kafka, IReadOnlyDictionary<string, string> topics, string connectionString) =>
        Configuration(kafka.BootstrapServers, topics, connectionString);

    /// <summary>
    /// A silo on these topics and this database (its own Orleans cluster: membership lives in the database), on free
    /// loopback ports. Several silos of one test share the database and so the cluster; give each its own ports with
    /// <see cref="WithOwnPorts"/>. Checkpoints are written every 200 ms so that a test sees a run settle quickly.
    /// </summary>
    public static Dictionary<string, string?> Configuration(string bootstrapServers, IReadOnlyDictionary<string, string> topics, string connectionString)
    {
        var settings = topics.ToDictionary(t => $"Kafka:{t.Key}", t => (string?)t.Value);
        settings["Kafka:BootstrapServers"] = bootstrapServers;
        settings["Postgres:ConnectionString"] = connectionString;
        settings["Orleans:AdvertisedAddress"] = "127.0.0.1";
        settings["Streams:CheckpointInterval"] = "00:00:00.200";
        return WithOwnPorts(settings);
    }

    /// <summary>The same configuration with free silo and gateway ports (one silo per port pair).</summary>
    public static Dictionary<string, string?> WithOwnPorts(IReadOnlyDictionary<string, string?> settings) => new(settings)
    {
        ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    };
}
