using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// A message for one grain on `platform.events` or `platform.control`, keyed by <see cref="GrainKey"/>. The
/// producer sets every field (never defaulted from the clock or a random id here), so a replay produces an
/// identical envelope. W3C trace context travels in Kafka headers, not in the body.
/// </summary>
public sealed record GrainEnvelope
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Unique per message; for ingress it is derived from the source topic, partition and offset.</summary>
    public required string MessageId { get; init; }

    public required GrainKey GrainKey { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset OccurredAt { get; init; }

    public required GrainMessage Message { get; init; }

    /// <summary>The external record this was made from, when ingress made it; null for control messages.</summary>
    public IngressPosition? Source { get; init; }
}
