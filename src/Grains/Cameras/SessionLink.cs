using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Cameras;

/// <summary>What a clip of a closed session is linked to.</summary>
public sealed class SessionLink
{
    public SessionId SessionId { get; set; }

    public RuleId? RuleId { get; set; }

    public List<RuleId>? RuleIds { get; set; }

    public SensorId? SensorId { get; set; }

    public string? TriggerMessageId { get; set; }
}
