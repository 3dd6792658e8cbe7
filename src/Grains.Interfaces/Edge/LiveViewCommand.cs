using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// A live-view command on `edge.commands`, keyed by camera id like the Smart Video Record commands (DeepStream
/// ignores commands it does not know). <see cref="StartLive"/> starts the camera's live stream, or renews the lease
/// of the one running with the same <see cref="StreamId"/>; the agent stops it by itself at
/// <see cref="LeaseUntil"/> unless a later start renews it, so a cloud that stops talking never leaves a camera
/// streaming. <see cref="StopLive"/> stops it at once.
/// </summary>
public sealed record LiveViewCommand
{
    public const string StartLive = "start-live";
    public const string StopLive = "stop-live";

    [JsonPropertyName("command")]
    public required string Command { get; init; }

    [JsonPropertyName("cameraId")]
    public required CameraId CameraId { get; init; }

    /// <summary>Names the stream's objects (live/{cameraId}/{streamId}/…); new for each stream, so old URLs lead nowhere.</summary>
    [JsonPropertyName("streamId")]
    public required string StreamId { get; init; }

    [JsonPropertyName("leaseUntil")]
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset LeaseUntil { get; init; }
}
