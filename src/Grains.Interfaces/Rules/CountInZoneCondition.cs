namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// At least <see cref="Threshold"/> entries of matching objects into a zone within the sliding
/// <see cref="Window"/> (event time): "5 people entered the lobby within 2 minutes". It fires on the entry
/// that reaches the threshold.
/// </summary>
public sealed record CountInZoneCondition : RuleCondition
{
    public string ZoneId { get; init; } = "";

    /// <summary>Compared case-insensitively; empty means any class.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public int Threshold { get; init; }

    public TimeSpan Window { get; init; }
}
