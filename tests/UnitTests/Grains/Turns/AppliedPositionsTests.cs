using Platform.Grains.Hosting;
using Platform.Grains.Interfaces.Messages;

namespace Platform.UnitTests.Grains.Turns;

public sealed class AppliedPositionsTests
{
    [Fact]
    public void A_batch_delivered_again_is_skipped_up_to_the_stored_position_and_applied_after_it()
    {
        var applied = new AppliedPositions();
        foreach (var offset in new[] { 10L, 11, 12 })
        {
            Assert.True(applied.TryAdvance("ds/0", new IngressPosition("ds", 0, offset)));
        }

        // The batch 11..14 comes again after a crash that stored up to 12.
        var again = new[] { 11L, 12, 13, 14 }.Select(o => applied.TryAdvance("ds/0", new IngressPosition("ds", 0, o))).ToList();

        Assert.Equal([false, false, true, true], again);
        Assert.Equal(new IngressPosition("ds", 0, 14).Packed, applied.Last["ds/0"]);
    }

    [Fact]
    public void Envelopes_made_from_one_record_are_ordered_by_their_index()
    {
        var applied = new AppliedPositions();
        Assert.True(applied.TryAdvance("status/1", new IngressPosition("status", 1, 5, Index: 0)));
        Assert.True(applied.TryAdvance("status/1", new IngressPosition("status", 1, 5, Index: 1)));

        Assert.False(applied.TryAdvance("status/1", new IngressPosition("status", 1, 5, Index: 1)));
        Assert.False(applied.TryAdvance("status/1", new IngressPosition("status", 1, 4, Index: 7)));
        Assert.True(applied.TryAdvance("status/1", new IngressPosition("status", 1, 6, Index: 0)));
    }

    [Fact]
    public void Each_source_partition_has_its_own_position()
    {
        var applied = new AppliedPositions();
        Assert.True(applied.TryAdvance("ds/0", new IngressPosition("ds", 0, 100)));

        Assert.True(applied.TryAdvance("ds/1", new IngressPosition("ds", 1, 3)));
        Assert.False(applied.TryAdvance("ds/0", new IngressPosition("ds", 0, 3)));
    }
}
