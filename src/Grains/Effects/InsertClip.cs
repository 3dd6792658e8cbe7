using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Effects;

/// <summary>A clip-catalog row, keyed by the clip id (insert, ignore a repeat), linked to its session, rule and triggering event where known.</summary>
public sealed record InsertClip : GrainEffect
{
    public required CameraId CameraId { get; init; }

    public required ClipUploaded Clip { get; init; }

    public SessionId? SessionId { get; init; }

    /// <summary>The rule that opened the clip's session.</summary>
    public RuleId? RuleId { get; init; }

    /// <summary>Every rule that opened or extended the clip's session, the opener first.</summary>
    public IReadOnlyList<RuleId> RuleIds { get; init; } = [];

    public SensorId? SensorId { get; init; }

    public string? TriggerMessageId { get; init; }
}
