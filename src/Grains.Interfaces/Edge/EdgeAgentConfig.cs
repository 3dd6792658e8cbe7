using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// `edge.config`, keyed by agent id: the whole desired camera set of one agent, as the API defines it. Each message
/// replaces the one before (the topic is compacted, so the newest per agent is always there for an agent that was
/// offline); the agent applies a message only when its <see cref="Version"/> is above the one it runs, so a replayed or
/// reordered older message changes nothing.
/// </summary>
public sealed record EdgeAgentConfig
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string AgentId { get; init; }

    /// <summary>Grows with every change of the agent's cameras (edge_agents.config_version).</summary>
    public required long Version { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset PublishedAt { get; init; }

    public required IReadOnlyList<EdgeCameraConfig> Cameras { get; init; }
}
