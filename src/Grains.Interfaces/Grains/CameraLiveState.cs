using Orleans;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Grains;

/// <summary>A camera grain's live view of its camera: edge status from heartbeats and the session it is recording.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CameraLiveState
{
    [Id(0)]
    public required CameraId CameraId { get; init; }

    /// <summary>Heartbeats arrive; false after the heartbeat silence the silo allows.</summary>
    [Id(1)]
    public bool Online { get; init; }

    [Id(2)]
    public DateTimeOffset? LastHeartbeatAt { get; init; }

    [Id(3)]
    public string? AgentId { get; init; }

    /// <summary>The agent's recorder reads the camera.</summary>
    [Id(4)]
    public bool Connected { get; init; }

    [Id(5)]
    public double CacheSeconds { get; init; }

    [Id(6)]
    public SessionId? OpenSessionId { get; init; }

    [Id(7)]
    public DateTimeOffset? OpenSessionStart { get; init; }

    [Id(8)]
    public DateTimeOffset? OpenSessionEnd { get; init; }

    /// <summary>The agent reports a recording in progress on this camera.</summary>
    [Id(9)]
    public bool Recording { get; init; }
}
