namespace Platform.Grains.Interfaces.Rules;

/// <summary>An object of one of <see cref="Classes"/> (any class when empty) enters, or is inside, a zone.</summary>
public sealed record ObjectInZoneCondition : RuleCondition
{
    public string ZoneId { get; init; } = "";

    /// <summary>Object classes as the detector names them (Person, Vehicle, …), compared case-insensitively; empty means any.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public ZoneTrigger Trigger { get; init; } = ZoneTrigger.OnEnter;
}
