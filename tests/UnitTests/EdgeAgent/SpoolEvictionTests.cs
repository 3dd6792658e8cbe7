using Platform.EdgeAgent.Spool;
using Platform.Grains.Interfaces.Ids;

namespace Platform.UnitTests.EdgeAgent;

public sealed class SpoolEvictionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SpoolItem Item(string id, double atSeconds, long bytes = 100) => new(ClipId.From(id), T0.AddSeconds(atSeconds), bytes);

    [Fact]
    public void Nothing_is_evicted_within_both_bounds() =>
        Assert.Empty(SpoolEviction.Select([Item("a", 0), Item("b", 1)], maxCount: 2, maxBytes: 200));

    [Fact]
    public void Over_the_count_the_oldest_go_first()
    {
        var evicted = SpoolEviction.Select([Item("new", 5), Item("old", 1), Item("mid", 3)], maxCount: 2, maxBytes: long.MaxValue);

        Assert.Equal(["old"], evicted.Select(i => i.ClipId.Value));
    }

    [Fact]
    public void Over_the_bytes_the_oldest_go_until_it_fits()
    {
        var evicted = SpoolEviction.Select([Item("a", 1, 400), Item("b", 2, 400), Item("c", 3, 400)], maxCount: 10, maxBytes: 500);

        Assert.Equal(["a", "b"], evicted.Select(i => i.ClipId.Value));
    }

    [Fact]
    public void Equal_times_are_ordered_by_id_so_the_choice_is_stable()
    {
        var evicted = SpoolEviction.Select([Item("b", 1), Item("a", 1)], maxCount: 1, maxBytes: long.MaxValue);

        Assert.Equal(["a"], evicted.Select(i => i.ClipId.Value));
    }

    [Fact]
    public void A_single_clip_bigger_than_the_byte_bound_is_evicted_too() =>
        Assert.Single(SpoolEviction.Select([Item("huge", 1, 1000)], maxCount: 10, maxBytes: 500));
}
