using Platform.Gateway.Api.Clips;
using Platform.Gateway.Retention;

namespace Platform.GatewayTests.Clips;

/// <summary>The retention rules alone: no database, no object store, a fixed "now".</summary>
public sealed class RetentionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public void Clips_that_started_before_the_age_limit_are_deleted_and_newer_ones_kept()
    {
        var clips = new[]
        {
            Clip("old", days: 8), Clip("just-over", days: 7, extra: -TimeSpan.FromSeconds(1)),
            Clip("just-under", days: 7, extra: TimeSpan.FromSeconds(1)), Clip("recent", days: 1),
        };

        var plan = RetentionPlanner.Plan(new("cam", 7, null), clips, Now);

        Assert.Equal(["old", "just-over"], plan.Select(d => d.Clip.Location.Id));
        Assert.All(plan, d => Assert.Equal(RetentionReason.Age, d.Reason));
    }

    [Fact]
    public void Beyond_the_byte_budget_the_oldest_clips_go_even_small_ones_that_would_fit()
    {
        // Newest first: 400 + 400 = 800 fits 1000; the third (300) would make 1100; the fourth (100) would fit alone.
        var clips = new[] { Clip("c4", days: 4, size: 100), Clip("c1", days: 1, size: 400), Clip("c3", days: 3, size: 300), Clip("c2", days: 2, size: 400) };

        var plan = RetentionPlanner.Plan(new("cam", null, 1000), clips, Now);

        Assert.Equal(["c4", "c3"], plan.Select(d => d.Clip.Location.Id));
        Assert.All(plan, d => Assert.Equal(RetentionReason.Budget, d.Reason));
    }

    [Fact]
    public void Aged_clips_do_not_count_against_the_budget()
    {
        var clips = new[] { Clip("new", days: 1, size: 600), Clip("mid", days: 2, size: 300), Clip("ancient", days: 30, size: 5000) };

        var plan = RetentionPlanner.Plan(new("cam", 10, 1000), clips, Now);

        Assert.Equal([("ancient", RetentionReason.Age)], plan.Select(d => (d.Clip.Location.Id, d.Reason)));
    }

    [Fact]
    public void Clips_starting_together_are_ranked_by_id_like_the_catalog()
    {
        var clips = new[] { Clip("b", days: 1, size: 600), Clip("a", days: 1, size: 600), Clip("c", days: 1, size: 600) };

        var plan = RetentionPlanner.Plan(new("cam", null, 1000), clips, Now);

        // Newest first is c, b, a (id DESC at equal start): c is kept, b and a go, oldest first.
        Assert.Equal(["a", "b"], plan.Select(d => d.Clip.Location.Id));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, 0L)]
    [InlineData(-1, -5L)]
    public void Missing_zero_or_negative_limits_keep_everything(int? days, long? bytes)
    {
        var clips = new[] { Clip("a", days: 400, size: 1_000_000), Clip("b", days: 1, size: 1_000_000) };

        Assert.Empty(RetentionPlanner.Plan(new("cam", days, bytes), clips, Now));
    }

    [Fact]
    public void A_clip_exactly_at_the_budget_is_kept()
    {
        var plan = RetentionPlanner.Plan(new("cam", null, 1000), [Clip("x", days: 1, size: 500), Clip("y", days: 2, size: 500)], Now);

        Assert.Empty(plan);
    }

    private static RetentionCandidate Clip(string id, double days, long size = 100, TimeSpan extra = default) =>
        new(new ClipLocation(id, "cam", "bucket", $"clips/cam/{id}.mp4", null), Now - TimeSpan.FromDays(days) + extra, size);
}
