namespace Platform.EdgeAgent.Commands;

/// <summary>What <see cref="RecordingSessions"/> persists: open sessions, the dedupe memory and cut sessions' last part.</summary>
internal sealed class RecordingSessionsState
{
    public int SchemaVersion { get; set; } = 1;

    public List<RecordingSession> Sessions { get; set; } = [];

    /// <summary>Dedupe key → when it may be forgotten.</summary>
    public Dictionary<string, DateTimeOffset> Seen { get; set; } = [];

    public List<CutSession> Cut { get; set; } = [];
}
