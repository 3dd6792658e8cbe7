namespace Platform.Grains.Interfaces.Rules;

/// <summary>The device reported an event of one of <see cref="EventTypes"/> (DeepStream's event.type; see <see cref="DeepStreamEventTypes"/>).</summary>
public sealed record EventTypeCondition : RuleCondition
{
    public IReadOnlyList<string> EventTypes { get; init; } = [];
}
