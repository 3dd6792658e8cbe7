using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Live;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Cameras;

public sealed class LiveLeaseTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly LiveViewOptions Options = new(); // viewers time out after 20 s, leases of 30 s renewed every 10 s

    private int streams;

    private LiveLease NewLease() => new(Camera, Options);

    private string NextStream() => $"stream-{++streams}";

    [Fact]
    public void The_first_viewer_starts_a_stream_with_a_lease_and_a_second_viewer_shares_it_without_a_command()
    {
        var lease = NewLease();

        var start = lease.Watch("viewer-a", T0, NextStream);
        var second = lease.Watch("viewer-b", T0 + Second, NextStream);

        Assert.NotNull(start);
        Assert.Equal((LiveViewCommand.StartLive, Camera, "stream-1", T0 + (30 * Second)), (start.Command, start.CameraId, start.StreamId, start.LeaseUntil));
        Assert.Null(second);
        Assert.Equal(("stream-1", 2), (lease.StreamId, lease.Viewers));
    }

    [Fact]
    public void Renewals_extend_the_agents_lease_at_most_every_renew_interval_with_the_same_stream()
    {
        var lease = NewLease();
        lease.Watch("viewer-a", T0, NextStream);

        var early = lease.Watch("viewer-a", T0 + (9 * Second), NextStream);
        var due = lease.Watch("viewer-a", T0 + (10 * Second), NextStream);

        Assert.Null(early);
        Assert.NotNull(due);
        Assert.Equal((LiveViewCommand.StartLive, "stream-1", T0 + (40 * Second)), (due.Command, due.StreamId, due.LeaseUntil));
    }

    [Fact]
    public void A_watched_stream_never_reaches_the_end_of_its_lease_between_renewals()
    {
        var lease = NewLease();
        DateTimeOffset? agentLease = null;

        // One viewer renewing every 9.9 s for five minutes: the agent's lease always outlasts the next renewal.
        for (var at = T0; at < T0 + TimeSpan.FromMinutes(5); at += TimeSpan.FromSeconds(9.9))
        {
            Assert.True(agentLease is null || agentLease > at, $"the agent's lease ended at {agentLease:o}, before the renewal at {at:o}");
            agentLease = lease.Watch("viewer-a", at, NextStream)?.LeaseUntil ?? agentLease;
            Assert.Null(lease.OnTimer(at));
        }

        Assert.Equal(1, streams);
    }

    [Fact]
    public void The_last_viewer_leaving_stops_the_stream_and_the_next_one_starts_a_new_stream()
    {
        var lease = NewLease();
        lease.Watch("viewer-a", T0, NextStream);
        lease.Watch("viewer-b", T0, NextStream);

        var first = lease.Leave("viewer-a", T0 + Second);
        var last = lease.Leave("viewer-b", T0 + (2 * Second));
        var again = lease.Watch("viewer-c", T0 + (3 * Second), NextStream);

        Assert.Null(first);
        Assert.NotNull(last);
        Assert.Equal((LiveViewCommand.StopLive, "stream-1"), (last.Command, last.StreamId));
        Assert.Equal((LiveViewCommand.StartLive, "stream-2"), (again!.Command, again.StreamId));
    }

    [Fact]
    public void A_viewer_that_stops_renewing_is_gone_after_the_viewer_timeout_and_the_timer_then_stops_the_stream()
    {
        var lease = NewLease();
        lease.Watch("closed-tab", T0, NextStream);

        Assert.Equal(T0 + (20 * Second), lease.NextDue);
        Assert.Null(lease.OnTimer(T0 + (19 * Second)));
        var stop = lease.OnTimer(T0 + (20 * Second));

        Assert.Equal((LiveViewCommand.StopLive, "stream-1"), (stop!.Command, stop.StreamId));
        Assert.Equal((0, (DateTimeOffset?)null, (string?)null), (lease.Viewers, lease.NextDue, lease.StreamId));
    }

    [Fact]
    public void Leaving_twice_or_without_a_stream_sends_nothing()
    {
        var lease = NewLease();
        Assert.Null(lease.Leave("nobody", T0));

        lease.Watch("viewer-a", T0, NextStream);
        Assert.NotNull(lease.Leave("viewer-a", T0));
        Assert.Null(lease.Leave("viewer-a", T0));
    }

    [Fact]
    public void Stop_all_ends_a_watched_stream()
    {
        var lease = NewLease();
        lease.Watch("viewer-a", T0, NextStream);

        var stop = lease.StopAll(T0 + Second);

        Assert.Equal(LiveViewCommand.StopLive, stop!.Command);
        Assert.Equal(0, lease.Viewers);
    }

    [Theory]
    [InlineData(20, 30, 10, true)]
    [InlineData(20, 30, 11, false)]
    [InlineData(0, 30, 10, false)]
    public void Options_require_the_lease_to_outlast_a_viewer_between_renewals(int viewerTimeout, int leaseSeconds, int renewEvery, bool valid)
    {
        var options = new LiveViewOptions
        {
            ViewerTimeout = viewerTimeout * Second, Lease = leaseSeconds * Second, RenewEvery = renewEvery * Second,
        };

        Assert.Equal(valid, options.Validate().Count == 0);
    }
}
