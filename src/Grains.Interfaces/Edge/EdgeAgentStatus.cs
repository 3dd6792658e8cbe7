using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>`edge.status`: an agent's heartbeat, every few seconds; a camera grain marks its camera offline after a silence.</summary>
public sealed record EdgeAgentStatus
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string MessageId { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset OccurredAt { get; init; }

    public required string AgentId { get; init; }

    public string? Site { get; init; }

    public required string Version { get; init; }

    public required IReadOnlyList<EdgeCameraStatus> Cameras { get; init; }

    public required int SpoolCount { get; init; }

    public required long SpoolBytes { get; init; }

    /// <summary>Clips dropped from a full spool since the agent started (oldest first); never silent.</summary>
    public int SpoolEvictions { get; init; }

    public required long DiskFreeBytes { get; init; }

    /// <summary>The <see cref="EdgeAgentConfig.Version"/> the agent runs; null while it has none (standalone, or nothing received yet).</summary>
    public long? ConfigVersion { get; init; }

    /// <summary>Why the newest edge.config could not be applied (for instance a password that does not open with the agent's key).</summary>
    public string? ConfigError { get; init; }
}
