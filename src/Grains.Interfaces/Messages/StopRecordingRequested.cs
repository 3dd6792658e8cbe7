using Orleans;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>A manual stop from the gateway: the camera grain ends the open session at <see cref="RequestedAt"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record StopRecordingRequested : GrainMessage
{
    [Id(0)]
    public required CameraId CameraId { get; init; }

    [Id(1)]
    public required DateTimeOffset RequestedAt { get; init; }

    [Id(2)]
    public string? Reason { get; init; }

    /// <summary>Set by the caller, once per stop: a repeated call with the same id stops nothing more.</summary>
    [Id(3)]
    public required string RequestId { get; init; }
}
