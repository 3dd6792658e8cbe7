namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// A weekly window in the schedule's local time. <see cref="Days"/> are the days the window starts on (empty:
/// every day). When <see cref="End"/> is not after <see cref="Start"/> the window crosses midnight and ends on
/// the next day: Friday 22:00–06:00 is Friday 22:00 to Saturday 06:00, and 22:00–00:00 ends at midnight.
/// Start is inclusive, end exclusive.
/// </summary>
public sealed record ScheduleWindow
{
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    public TimeOnly Start { get; init; }

    public TimeOnly End { get; init; }
}
