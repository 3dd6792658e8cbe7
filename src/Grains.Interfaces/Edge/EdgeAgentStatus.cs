using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>`edge.status`: an agent's heartbeat, every few seconds; a camera grain marks its camera offline after a silence.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EdgeAgentStatus
{
    public const int CurrentSchemaVersion = 1;

    [Id(0)]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    [Id(1)]
    public required string MessageId { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(2)]
    public required DateTimeOffset OccurredAt { get; init; }

    [Id(3)]
    public required string AgentId { get; init; }

    [Id(4)]
    public string? Site { get; init; }

    [Id(5)]
    public required string Version { get; init; }

    [Id(6)]
    public required IReadOnlyList<EdgeCameraStatus> Cameras { get; init; }

    [Id(7)]
    public required int SpoolCount { get; init; }

    [Id(8)]
    public required long SpoolBytes { get; init; }

    /// <summary>Clips dropped from a full spool since the agent started (oldest first); never silent.</summary>
    [Id(9)]
    public int SpoolEvictions { get; init; }

    [Id(10)]
    public required long DiskFreeBytes { get; init; }

    /// <summary>The <see cref="EdgeAgentConfig.Version"/> the agent runs; null while it has none (standalone, or nothing received yet).</summary>
    [Id(11)]
    public long? ConfigVersion { get; init; }

    /// <summary>Why the newest edge.config could not be applied (for instance a password that does not open with the agent's key).</summary>
    [Id(12)]
    public string? ConfigError { get; init; }
}
