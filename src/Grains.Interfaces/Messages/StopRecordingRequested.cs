using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>A manual stop from the gateway: the camera grain ends the open session at <see cref="RequestedAt"/>.</summary>
public sealed record StopRecordingRequested : GrainMessage
{
    public required CameraId CameraId { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset RequestedAt { get; init; }

    public string? Reason { get; init; }
}
