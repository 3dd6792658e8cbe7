using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Rules;

namespace Platform.UnitTests.Grains.Rules;

public sealed class ScheduleEvaluatorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static RuleSchedule Nightly(params DayOfWeek[] days) => new()
    {
        TimeZone = "Europe/Berlin",
        Windows = [new ScheduleWindow { Days = days, Start = new TimeOnly(22, 0), End = new TimeOnly(6, 0) }],
    };

    private static bool Active(RuleSchedule schedule, string utc) =>
        ScheduleEvaluator.IsActive(schedule, Berlin, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Window_crossing_midnight_covers_the_evening_of_its_day_and_the_next_morning()
    {
        var friday = Nightly(DayOfWeek.Friday); // 2026-11-20 is a Friday; Berlin is UTC+1 in November

        Assert.False(Active(friday, "2026-11-20T20:59:00Z")); // Fri 21:59
        Assert.True(Active(friday, "2026-11-20T21:00:00Z"));  // Fri 22:00, start inclusive
        Assert.True(Active(friday, "2026-11-20T23:30:00Z"));  // Sat 00:30
        Assert.True(Active(friday, "2026-11-21T04:59:00Z"));  // Sat 05:59
        Assert.False(Active(friday, "2026-11-21T05:00:00Z")); // Sat 06:00, end exclusive
        Assert.False(Active(friday, "2026-11-21T21:30:00Z")); // Sat 22:30: Saturday is not a start day
        Assert.False(Active(friday, "2026-11-20T02:00:00Z")); // Fri 03:00 belongs to Thursday's night
    }

    [Fact]
    public void Window_ending_at_midnight_ends_at_the_end_of_the_day()
    {
        var schedule = new RuleSchedule
        {
            TimeZone = "Europe/Berlin",
            Windows = [new ScheduleWindow { Days = [DayOfWeek.Friday], Start = new TimeOnly(22, 0), End = TimeOnly.MinValue }],
        };

        Assert.True(Active(schedule, "2026-11-20T22:59:00Z"));  // Fri 23:59
        Assert.False(Active(schedule, "2026-11-20T23:00:00Z")); // Sat 00:00
    }

    [Fact]
    public void Morning_end_of_a_nightly_window_moves_an_hour_earlier_in_utc_when_summer_time_starts()
    {
        var daily = Nightly();

        // Saturday 2026-03-28, still CET (UTC+1): 06:00 local is 05:00 UTC.
        Assert.True(Active(daily, "2026-03-28T04:30:00Z"));  // 05:30 CET
        Assert.False(Active(daily, "2026-03-28T05:30:00Z")); // 06:30 CET

        // Sunday 2026-03-29, CEST (UTC+2) since 01:00 UTC: 06:00 local is 04:00 UTC.
        Assert.True(Active(daily, "2026-03-29T03:30:00Z"));  // 05:30 CEST
        Assert.False(Active(daily, "2026-03-29T04:30:00Z")); // 06:30 CEST, would be 05:30 in winter
    }

    [Fact]
    public void Night_of_the_spring_change_is_an_hour_shorter_in_real_time()
    {
        var saturdayNight = new RuleSchedule
        {
            TimeZone = "Europe/Berlin",
            Windows = [new ScheduleWindow { Days = [DayOfWeek.Saturday], Start = new TimeOnly(23, 0), End = new TimeOnly(4, 0) }],
        };

        var start = new DateTimeOffset(2026, 3, 28, 20, 0, 0, TimeSpan.Zero);
        var activeMinutes = Enumerable.Range(0, 12 * 60).Count(m => ScheduleEvaluator.IsActive(saturdayNight, Berlin, start.AddMinutes(m)));

        Assert.Equal(4 * 60, activeMinutes); // 23:00 CET → 04:00 CEST is four real hours, not five
        Assert.True(Active(saturdayNight, "2026-03-29T01:30:00Z"));  // 03:30 CEST
        Assert.False(Active(saturdayNight, "2026-03-29T02:00:00Z")); // 04:00 CEST
    }

    [Fact]
    public void Office_hours_keep_their_local_start_when_summer_time_ends()
    {
        var weekdays = new RuleSchedule
        {
            TimeZone = "Europe/Berlin",
            Windows = [new ScheduleWindow
            {
                Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
                Start = new TimeOnly(8, 0),
                End = new TimeOnly(18, 0),
            }],
        };

        Assert.True(Active(weekdays, "2026-10-23T06:30:00Z"));  // Fri 08:30 CEST
        Assert.False(Active(weekdays, "2026-10-26T06:30:00Z")); // Mon 07:30 CET, after the change on Sunday 25th
        Assert.True(Active(weekdays, "2026-10-26T07:30:00Z"));  // Mon 08:30 CET
        Assert.False(Active(weekdays, "2026-10-25T10:00:00Z")); // Sunday
    }

    [Fact]
    public void Repeated_hour_of_the_autumn_change_is_inside_its_window_both_times()
    {
        var schedule = new RuleSchedule
        {
            TimeZone = "Europe/Berlin",
            Windows = [new ScheduleWindow { Days = [DayOfWeek.Sunday], Start = new TimeOnly(2, 0), End = new TimeOnly(3, 0) }],
        };

        Assert.True(Active(schedule, "2026-10-25T00:30:00Z"));  // 02:30 CEST
        Assert.True(Active(schedule, "2026-10-25T01:30:00Z"));  // 02:30 CET, the same wall-clock time again
        Assert.False(Active(schedule, "2026-10-25T02:00:00Z")); // 03:00 CET
    }

    [Fact]
    public void Empty_day_list_means_every_day()
    {
        var daily = Nightly();

        Assert.True(Active(daily, "2026-11-18T23:00:00Z")); // Thu 00:00
        Assert.True(Active(daily, "2026-11-22T22:00:00Z")); // Sun 23:00
    }

    [Fact]
    public void Iana_time_zone_ids_resolve_and_unknown_ones_do_not()
    {
        Assert.True(ScheduleEvaluator.TryFindTimeZone("America/New_York", out var newYork));
        Assert.Equal(TimeSpan.FromHours(-5), newYork.GetUtcOffset(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.False(ScheduleEvaluator.TryFindTimeZone("Mars/Olympus_Mons", out _));
        Assert.False(ScheduleEvaluator.TryFindTimeZone("", out _));
    }
}
