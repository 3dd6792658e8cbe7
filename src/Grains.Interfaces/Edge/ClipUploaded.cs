using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// `edge.clips`: the agent cut a clip for a command and the video and thumbnail are in S3. Sent after the
/// upload succeeded, retried until the broker has it; <see cref="ClipId"/> makes a repeat harmless.
/// </summary>
public sealed record ClipUploaded
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Unique per message; derived from the clip id by the agent, so a re-send carries the same one.</summary>
    public required string MessageId { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset OccurredAt { get; init; }

    public required ClipId ClipId { get; init; }

    public CommandId? CommandId { get; init; }

    public SessionId? SessionId { get; init; }

    public required CameraId CameraId { get; init; }

    public required string AgentId { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset RequestedStart { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset RequestedEnd { get; init; }

    /// <summary>Wall-clock time of the first frame: at or before <see cref="RequestedStart"/> unless the cache did not reach back that far.</summary>
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset ActualStart { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset ActualEnd { get; init; }

    /// <summary>True when the requested start was older than the cache and the clip starts at the oldest segment.</summary>
    public bool StartClippedToCache { get; init; }

    public required double DurationSeconds { get; init; }

    public required long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the video object.</summary>
    public required string Sha256 { get; init; }

    /// <summary>mp4 or mkv.</summary>
    public required string Container { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public string? ThumbnailKey { get; init; }
}
