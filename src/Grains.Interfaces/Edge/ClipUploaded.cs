using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// `edge.clips`: the agent cut a clip for a command and the video and thumbnail are in S3. Sent after the
/// upload succeeded, retried until the broker has it; <see cref="ClipId"/> makes a repeat harmless.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ClipUploaded
{
    public const int CurrentSchemaVersion = 1;

    [Id(0)]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Unique per message; derived from the clip id by the agent, so a re-send carries the same one.</summary>
    [Id(1)]
    public required string MessageId { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(2)]
    public required DateTimeOffset OccurredAt { get; init; }

    [Id(3)]
    public required ClipId ClipId { get; init; }

    [Id(4)]
    public CommandId? CommandId { get; init; }

    [Id(5)]
    public SessionId? SessionId { get; init; }

    [Id(6)]
    public required CameraId CameraId { get; init; }

    [Id(7)]
    public required string AgentId { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(8)]
    public required DateTimeOffset RequestedStart { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(9)]
    public required DateTimeOffset RequestedEnd { get; init; }

    /// <summary>Wall-clock time of the first frame: at or before <see cref="RequestedStart"/> unless the cache did not reach back that far.</summary>
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(10)]
    public required DateTimeOffset ActualStart { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(11)]
    public required DateTimeOffset ActualEnd { get; init; }

    /// <summary>True when the requested start was older than the cache and the clip starts at the oldest segment.</summary>
    [Id(12)]
    public bool StartClippedToCache { get; init; }

    [Id(13)]
    public required double DurationSeconds { get; init; }

    [Id(14)]
    public required long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the video object.</summary>
    [Id(15)]
    public required string Sha256 { get; init; }

    /// <summary>mp4 or mkv.</summary>
    [Id(16)]
    public required string Container { get; init; }

    [Id(17)]
    public required string Bucket { get; init; }

    [Id(18)]
    public required string Key { get; init; }

    [Id(19)]
    public string? ThumbnailKey { get; init; }
}
