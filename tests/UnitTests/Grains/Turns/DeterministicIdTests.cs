using Platform.Grains.Turns;

namespace Platform.UnitTests.Grains.Turns;

public sealed class DeterministicIdTests
{
    [Fact]
    public void Same_parts_give_the_same_id_and_it_is_the_kind_and_26_base32_characters()
    {
        var source = new SourcePosition("deepstream-events", 3, 42);
        var first = DeterministicId.Create("cmd", "camera/cam-1", "rule-1", source);

        Assert.Equal(first, DeterministicId.Create("cmd", "camera/cam-1", "rule-1", source));
        Assert.Matches("^cmd_[a-z2-7]{26}$", first);
    }

    [Fact]
    public void Any_different_part_gives_a_different_id()
    {
        var source = new SourcePosition("deepstream-events", 3, 42);
        var ids = new[]
        {
            DeterministicId.Create("cmd", "camera/cam-1", "rule-1", source),
            DeterministicId.Create("cmd", "camera/cam-2", "rule-1", source),
            DeterministicId.Create("cmd", "camera/cam-1", "rule-2", source),
            DeterministicId.Create("cmd", "camera/cam-1", "rule-1", source with { Offset = 43 }),
            DeterministicId.Create("cmd", "camera/cam-1", "rule-1", source with { Partition = 4 }),
            DeterministicId.Create("cmd", "camera/cam-1", "rule-1", source with { Topic = "edge.clips" }),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Part_boundaries_matter()
    {
        Assert.NotEqual(DeterministicId.Create("x", "ab", "c"), DeterministicId.Create("x", "a", "bc"));
    }

    [Fact]
    public void Timer_positions_are_derived_from_the_due_time()
    {
        var due = new DateTimeOffset(2026, 11, 20, 10, 0, 10, TimeSpan.Zero);

        Assert.Equal(new SourcePosition("timer", 3, due.ToUnixTimeMilliseconds()), SourcePosition.ForTimer(3, due));
    }
}
