using Platform.Gateway.Api.Metrics;

namespace Platform.GatewayTests.Metrics;

public sealed class TrafficGridTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.FindSystemTimeZoneById("UTC");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");

    [Fact]
    public void A_from_with_fractional_seconds_moves_back_to_its_whole_minute()
    {
        // The outside checker's case: from = 18:16:17.5 gave buckets [18:16:17.5, 18:17:17.5) that held the minute 18:17.
        var from = new DateTimeOffset(2026, 12, 1, 18, 16, 17, 500, TimeSpan.Zero);

        var grid = TrafficGrid.Create(from, from.AddHours(1), TimeSpan.FromMinutes(1), Utc);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 18, 16, 0, TimeSpan.Zero), grid.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 19, 17, 0, TimeSpan.Zero), grid.End);
        Assert.Equal(61, grid.Count);
    }

    [Fact]
    public void Hour_buckets_start_on_the_local_hour_of_the_zone()
    {
        // 10:20 UTC is 15:05 in Kathmandu (+05:45): its hour bucket starts at 15:00 local, 09:15 UTC.
        var from = new DateTimeOffset(2026, 6, 1, 9, 20, 0, TimeSpan.Zero);

        var grid = TrafficGrid.Create(from, from.AddMinutes(30), TimeSpan.FromHours(1), Kathmandu);

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 15, 0, 0, TimeSpan.FromMinutes(345)), grid.Start);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 9, 15, 0, TimeSpan.Zero), grid.Start.ToUniversalTime());
        Assert.Equal(1, grid.Count);
    }

    [Fact]
    public void A_to_on_a_bucket_boundary_is_not_rounded_up()
    {
        var from = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

        var grid = TrafficGrid.Create(from, from.AddMinutes(30), TimeSpan.FromMinutes(15), Utc);

        Assert.Equal((from, from.AddMinutes(30), 2L), (grid.Start, grid.End, grid.Count));
    }

    [Fact]
    public void Day_buckets_follow_the_local_calendar_across_a_dst_change()
    {
        // Europe/Berlin falls back on 2026-10-25: that local day lasts 25 hours.
        var from = new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.FromHours(2));

        var grid = TrafficGrid.Create(from, new DateTimeOffset(2026, 10, 26, 6, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromDays(1), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.FromHours(2)), grid.Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.FromHours(1)), grid.End);
        Assert.Equal(3, grid.Count);
        Assert.Equal(TimeSpan.FromHours(25), grid.ToInstant(new DateTime(2026, 10, 26)) - grid.ToInstant(new DateTime(2026, 10, 25)));
    }

    [Fact]
    public void A_local_time_skipped_by_spring_forward_labels_the_first_instant_after_the_gap()
    {
        // 2026-03-29 02:00 to 03:00 does not exist in Berlin.
        var label = TrafficGrid.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), label);
    }

    [Fact]
    public void A_repeated_local_hour_means_its_first_occurrence()
    {
        var label = TrafficGrid.ToInstant(new DateTime(2026, 10, 25, 2, 0, 0), Berlin);

        Assert.Equal(TimeSpan.FromHours(2), label.Offset);
    }
}
