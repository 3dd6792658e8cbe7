namespace Platform.Grains.Cameras;

/// <summary>The persisted state of a camera grain: the open recording session, a few recent ones (to link late clips), and edge status.</summary>
public sealed class CameraState
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public RecordingSession? Session { get; set; }

    /// <summary>The latest closed sessions, newest last, bounded by <see cref="CameraGrainOptions.RecentSessions"/>: clips arrive after their session closed.</summary>
    public List<SessionLink>? RecentSessions { get; set; }

    public bool Online { get; set; }

    /// <summary>The agent's time of its last report.</summary>
    public DateTimeOffset? LastHeartbeatAt { get; set; }

    /// <summary>Processing time the last heartbeat arrived: silence is measured from here.</summary>
    public DateTimeOffset? LastHeartbeatReceivedAt { get; set; }

    public string? AgentId { get; set; }

    public bool Connected { get; set; }

    public bool Recording { get; set; }

    public double CacheSeconds { get; set; }
}
