namespace Platform.Grains.Interfaces.Rules;

/// <summary>Loitering: an object stays in a zone for at least <see cref="MinimumDwell"/>. Fires once per visit of the object.</summary>
public sealed record DwellCondition : RuleCondition
{
    public string ZoneId { get; init; } = "";

    /// <summary>Compared case-insensitively; empty means any class.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public TimeSpan MinimumDwell { get; init; }
}
