using Platform.BrokerThroughput;
using Platform.LocalInfra;
using Platform.Messaging;

namespace Platform.LoadHarness;

/// <summary>
/// The raw produce rate of this run's broker, measured just before the load: a burst of 1 KB messages to a scratch
/// topic of 32 partitions with the platform's producer settings (those the load's sink uses), every delivery report
/// checked, with bench/BrokerThroughput's own loop. The burst stays under the mock's ~5 MiB per partition.
/// </summary>
internal static class BrokerProbe
{
    private const int Partitions = 32;

    /// <summary>Messages per second delivered.</summary>
    public static double ProduceRate(EmbeddedKafkaBroker broker, int messages)
    {
        var topic = $"load-harness-scratch-{Guid.NewGuid():N}";
        broker.CreateTopic(topic, Partitions);
        var payload = new byte[1024];
        Random.Shared.NextBytes(payload);
        return ProduceBurst.Run(KafkaClientSettings.Producer(broker.BootstrapServers, "load-harness-probe"), topic, messages, payload);
    }
}
