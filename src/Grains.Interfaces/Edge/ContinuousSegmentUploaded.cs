using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// `edge.segments`: a continuous-recording segment is in S3 under <see cref="ObjectKey"/>. Sent after the upload,
/// keyed by camera id; every field derives from the segment, so a re-send after a crash is identical and the
/// catalog's insert-or-ignore on (camera, start) makes it harmless.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ContinuousSegmentUploaded
{
    public const int CurrentSchemaVersion = 1;

    [Id(0)]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>seg:{cameraId}:{startUnixMs}, made by the agent from the segment.</summary>
    [Id(1)]
    public required string MessageId { get; init; }

    /// <summary>The segment's end (when it closed): deterministic, unlike the upload time.</summary>
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(2)]
    public required DateTimeOffset OccurredAt { get; init; }

    [Id(3)]
    public required CameraId CameraId { get; init; }

    [Id(4)]
    public required string AgentId { get; init; }

    [Id(5)]
    public required string ObjectKey { get; init; }

    /// <summary>Wall-clock time of the segment's first frame (a keyframe).</summary>
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(6)]
    public required DateTimeOffset Start { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(7)]
    public required DateTimeOffset End { get; init; }

    [Id(8)]
    public required long Bytes { get; init; }

    public static string MessageIdFor(CameraId cameraId, DateTimeOffset start) =>
        $"seg:{cameraId.Value}:{start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
