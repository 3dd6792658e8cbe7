namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// Occupancy: at least <see cref="Minimum"/> matching objects are in a zone at once, without a break, for at
/// least <see cref="MinimumDuration"/> (event time): "3 or more people in the queue for 30 s". It fires once per
/// such episode; the episode ends, and the rule re-arms, when fewer than <see cref="Minimum"/> are there. The
/// duration keeps a one-frame flicker of the count from firing.
/// </summary>
public sealed record OccupancyAtLeastCondition : RuleCondition
{
    public string ZoneId { get; init; } = "";

    /// <summary>Compared case-insensitively; empty means any class. Objects of all listed classes count together.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public int Minimum { get; init; }

    /// <summary>How long the count must stay at or above <see cref="Minimum"/>; zero fires on the frame that reaches it.</summary>
    public TimeSpan MinimumDuration { get; init; }
}
