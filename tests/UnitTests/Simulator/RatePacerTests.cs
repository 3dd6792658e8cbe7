using Platform.Simulator.Publishing;

namespace Platform.UnitTests.Simulator;

public sealed class RatePacerTests
{
    [Fact]
    public void A_run_of_T_seconds_at_R_per_second_sends_floor_R_times_T_messages()
    {
        Assert.Equal(200, new RatePacer(100, TimeSpan.FromSeconds(2)).Total);
        Assert.Equal(7, new RatePacer(2.5, TimeSpan.FromSeconds(3)).Total);
        Assert.Null(new RatePacer(10, null).Total);
    }

    [Fact]
    public void Message_n_is_due_at_n_over_the_rate_and_the_first_at_once()
    {
        var pacer = new RatePacer(4, TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.Zero, pacer.DueAt(0));
        Assert.Equal(TimeSpan.FromMilliseconds(250), pacer.DueAt(1));
        Assert.Equal(TimeSpan.FromSeconds(10), pacer.DueAt(40));
        Assert.Equal(1, pacer.DueBy(TimeSpan.Zero));
        Assert.Equal(1, pacer.DueBy(TimeSpan.FromMilliseconds(249)));
        Assert.Equal(2, pacer.DueBy(TimeSpan.FromMilliseconds(250)));
        Assert.Equal(5, pacer.DueBy(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Due_count_never_exceeds_the_total_and_the_run_finishes_there()
    {
        var pacer = new RatePacer(100, TimeSpan.FromSeconds(2));

        Assert.Equal(200, pacer.DueBy(TimeSpan.FromMinutes(5)));
        Assert.False(pacer.IsFinished(199));
        Assert.True(pacer.IsFinished(200));
        Assert.False(new RatePacer(100, null).IsFinished(long.MaxValue - 1));
    }

    [Fact]
    public void The_wait_is_until_the_next_due_message_and_never_negative_when_behind()
    {
        var pacer = new RatePacer(10, null);

        Assert.Equal(TimeSpan.FromMilliseconds(70), pacer.WaitBeforeNext(sent: 3, elapsed: TimeSpan.FromMilliseconds(230)));
        Assert.Equal(TimeSpan.Zero, pacer.WaitBeforeNext(sent: 3, elapsed: TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void A_rate_that_is_not_positive_is_refused(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatePacer(rate, null));
}
