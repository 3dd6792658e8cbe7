using Orleans;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// A message for one grain: an event on the grain's stream (made from a Kafka record by the silo's record mapper)
/// or a request from another grain. The producer sets every field (never defaulted from the clock or a random id
/// here), so a replay produces an identical envelope.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record GrainEnvelope
{
    public const int CurrentSchemaVersion = 1;

    [Id(0)]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Unique per message; for ingress it is derived from the source topic, partition and offset.</summary>
    [Id(1)]
    public required string MessageId { get; init; }

    [Id(2)]
    public required GrainKey GrainKey { get; init; }

    [Id(3)]
    public required DateTimeOffset OccurredAt { get; init; }

    [Id(4)]
    public required GrainMessage Message { get; init; }

    /// <summary>
    /// The Kafka record it was made from (a stream event), or the sending grain's turn (a grain-to-grain request):
    /// the receiving grain skips a position it has already applied. Null for requests from outside the cluster.
    /// </summary>
    [Id(5)]
    public IngressPosition? Source { get; init; }

    /// <summary>The W3C traceparent of the device record or call this continues, so that its effects join its trace.</summary>
    [Id(6)]
    public string? TraceParent { get; init; }
}
