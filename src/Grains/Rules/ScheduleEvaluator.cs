using Platform.Grains.Interfaces.Rules;

namespace Platform.Grains.Rules;

/// <summary>
/// Decides whether a rule's schedule is active at an instant. The instant is converted to the schedule's
/// wall-clock time and compared with the windows, so a window keeps its local hours across DST changes:
/// 22:00–06:00 in Europe/Berlin ends at 05:00 UTC in winter and 04:00 UTC in summer. On the spring-forward
/// night the skipped local hour simply never occurs (that night's window is an hour shorter); on the
/// fall-back night the repeated hour is inside a window both times it occurs.
/// </summary>
public static class ScheduleEvaluator
{
    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }

    public static bool IsActive(RuleSchedule schedule, TimeZoneInfo zone, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);

        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var day = local.DayOfWeek;
        var previousDay = day == DayOfWeek.Sunday ? DayOfWeek.Saturday : day - 1;
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);

        foreach (var window in schedule.Windows ?? [])
        {
            if (window.Start < window.End)
            {
                if (StartsOn(window, day) && time >= window.Start && time < window.End)
                {
                    return true;
                }
            }
            else
            {
                // Crosses midnight: the evening part belongs to a start day, the morning part to the day after one.
                if ((StartsOn(window, day) && time >= window.Start) || (StartsOn(window, previousDay) && time < window.End))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool StartsOn(ScheduleWindow window, DayOfWeek day) =>
        window.Days is null || window.Days.Count == 0 || window.Days.Contains(day);
}
