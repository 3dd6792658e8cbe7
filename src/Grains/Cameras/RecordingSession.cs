using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Cameras;

/// <summary>The open recording session of a camera: one clip [Start, End], End extended by later triggers up to MaxEnd.</summary>
public sealed class RecordingSession
{
    public SessionId SessionId { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public DateTimeOffset MaxEnd { get; set; }

    /// <summary>
    /// Processing time at which the session is over if nothing extends it: End translated by the lag between
    /// processing and event time at the last trigger, so that catching up on a backlog does not close sessions
    /// that the backlog itself extends.
    /// </summary>
    public DateTimeOffset CloseDue { get; set; }

    /// <summary>The rule that opened the session; null for a manual recording.</summary>
    public RuleId? RuleId { get; set; }

    /// <summary>Every rule whose trigger opened or extended the session, the opener first, each once.</summary>
    public List<RuleId>? RuleIds { get; set; }

    public SensorId? SensorId { get; set; }

    public string? TriggerMessageId { get; set; }

    public string? Reason { get; set; }

    public string Container { get; set; } = "mp4";

    public int Extensions { get; set; }
}
