using System.Diagnostics.Metrics;

namespace Platform.Streaming.Kafka;

/// <summary>Meter "Platform.Streaming.Kafka": what the provider read, refused and checkpointed.</summary>
public sealed class KafkaStreamTelemetry : IDisposable
{
    public const string MeterName = "Platform.Streaming.Kafka";

    private readonly Meter meter;

    public KafkaStreamTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        Records = meter.CreateCounter<long>("kafka_stream.records", description: "Records read, by topic.");
        DeadLetters = meter.CreateCounter<long>("kafka_stream.dead_letters", description: "Records refused and sent to the dead-letter topic, by reason.");
        Commits = meter.CreateCounter<long>("kafka_stream.checkpoints", description: "Partition checkpoints written.");
        FencedCommits = meter.CreateCounter<long>("kafka_stream.checkpoints.fenced", description: "Checkpoints refused because another silo owns the partition now.");
    }

    public Counter<long> Records { get; }

    public Counter<long> DeadLetters { get; }

    public Counter<long> Commits { get; }

    public Counter<long> FencedCommits { get; }

    public void Dispose() => meter.Dispose();
}
