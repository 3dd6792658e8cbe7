using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Effects;

/// <summary>The recording-session row, keyed by <see cref="SessionId"/>: written when a session opens, is extended and closes.</summary>
public sealed record UpsertRecordingSession : GrainEffect
{
    public required SessionId SessionId { get; init; }

    public required CameraId CameraId { get; init; }

    public required RecordingSessionStatus Status { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>Start + maximum session length: extensions never go past it.</summary>
    public required DateTimeOffset MaxEnd { get; init; }

    /// <summary>The rule that opened the session; null for a manual recording.</summary>
    public RuleId? RuleId { get; init; }

    /// <summary>Every rule whose trigger opened or extended the session, the opener first.</summary>
    public IReadOnlyList<RuleId> RuleIds { get; init; } = [];

    public SensorId? SensorId { get; init; }

    public string? TriggerMessageId { get; init; }

    public string? Reason { get; init; }

    public required string Container { get; init; }

    public required int Extensions { get; init; }

    /// <summary>Why it closed: "ended", "max-length", "stopped", "superseded".</summary>
    public string? CloseReason { get; init; }
}
