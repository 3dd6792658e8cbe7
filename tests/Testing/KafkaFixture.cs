using Platform.LocalInfra;

namespace Platform.Testing;

/// <summary>One embedded broker shared by a test collection; each test creates its own topics.</summary>
public sealed class KafkaFixture : IDisposable
{
    public KafkaFixture()
    {
        Broker = EmbeddedKafkaBroker.Start();
    }

    public EmbeddedKafkaBroker Broker { get; }

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>Creates a topic with a name unique to this call, so tests never share data.</summary>
    public string CreateTopic(string prefix, int partitions)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        Broker.CreateTopic(name, partitions);
        return name;
    }

    public void Dispose() => Broker.Dispose();
}
