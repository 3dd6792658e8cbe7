using Platform.Grains.Rules;

namespace Platform.UnitTests.Grains.Rules;

public sealed class AlertTemplateTests
{
    [Fact]
    public void Known_placeholders_are_filled_and_unknown_ones_stay_as_written()
    {
        var values = new Dictionary<string, string> { ["class"] = "Person", ["zone"] = "Dock" };

        Assert.Equal("Person in Dock {nope} {", AlertTemplate.Render("{class} in {zone} {nope} {", values));
    }

    [Fact]
    public void Placeholders_are_listed_in_order()
    {
        Assert.Equal(["rule", "count", "rule"], AlertTemplate.Placeholders("{rule}: {count} x ({rule})"));
    }
}
