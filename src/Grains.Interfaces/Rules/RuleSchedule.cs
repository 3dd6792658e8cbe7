namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// When a rule is active: weekly windows in the wall-clock time of an IANA time zone ("Europe/Berlin").
/// Windows are compared with local time, so 08:00–18:00 stays 08:00–18:00 across DST changes.
/// </summary>
public sealed record RuleSchedule
{
    public string TimeZone { get; init; } = "";

    public IReadOnlyList<ScheduleWindow> Windows { get; init; } = [];
}
