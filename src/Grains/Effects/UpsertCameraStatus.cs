using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Effects;

/// <summary>The camera-status row, keyed by <see cref="CameraId"/>: on every heartbeat and when the camera goes offline.</summary>
public sealed record UpsertCameraStatus : GrainEffect
{
    public required CameraId CameraId { get; init; }

    public required bool Online { get; init; }

    /// <summary>The agent's own time of its last report.</summary>
    public DateTimeOffset? LastHeartbeatAt { get; init; }

    /// <summary>Processing time when the last heartbeat arrived: what "offline after a silence" is measured from.</summary>
    public DateTimeOffset? LastHeartbeatReceivedAt { get; init; }

    public string? AgentId { get; init; }

    /// <summary>The recorder reads the source.</summary>
    public bool Connected { get; init; }

    /// <summary>The agent reports an open recording.</summary>
    public bool Recording { get; init; }

    /// <summary>Seconds of video in the edge cache.</summary>
    public double CacheSeconds { get; init; }

    public SessionId? OpenSessionId { get; init; }

    /// <summary>Processing time of the change.</summary>
    public required DateTimeOffset ChangedAt { get; init; }
}
