using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Commands;

/// <summary>
/// An open recording of one camera: becomes one clip once <see cref="End"/> has passed. Mutable only inside
/// <see cref="RecordingSessions"/>; also the persisted form (so an agent restart keeps pending clips).
/// </summary>
internal sealed class RecordingSession
{
    /// <summary>"s:{sessionId}" for sessions named by the sender, "c:{dedupe key of the first command}" otherwise.</summary>
    public required string Key { get; init; }

    public required CameraId CameraId { get; init; }

    public SessionId? SessionId { get; init; }

    /// <summary>The command that opened the session (null for DeepStream's bare commands).</summary>
    public CommandId? CommandId { get; init; }

    /// <summary>1 for the first clip of a session; a later extension of a session already cut becomes part 2, …</summary>
    public required int Part { get; init; }

    public required ClipId ClipId { get; init; }

    public required DateTimeOffset Start { get; set; }

    public required DateTimeOffset End { get; set; }

    /// <summary>The W3C traceparent of the opening command, continued through cut and upload.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Handed out by <see cref="RecordingSessions.TakeDue"/> and being cut; no longer extendable.</summary>
    public bool Cutting { get; set; }

    public DueClip ToDue() => new(ClipId, CameraId, Key, SessionId, CommandId, Part, Start, End, TraceParent);
}
