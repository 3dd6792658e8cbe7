using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Rules;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Sensors;

/// <summary>occupancy-at-least: "3 or more people in the dock at once for 5 s".</summary>
public sealed class SensorGrainOccupancyTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static SensorHarness Sensor(int minimum = 3, int seconds = 5, string[]? classes = null) => new(SensorWith(RuleWith(
        new OccupancyAtLeastCondition { ZoneId = "dock", Minimum = minimum, MinimumDuration = seconds * Second, Classes = classes ?? [] },
        new AlertAction { MessageTemplate = "{count} in {zone}" })));

    private static Platform.Grains.Interfaces.Messages.DetectedObject[] People(int count, string label = "Person") =>
        [.. Enumerable.Range(1, count).Select(i => At(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 120 + (i * 10), 200, label))];

    [Fact]
    public void Fires_once_when_the_minimum_has_been_present_for_the_duration()
    {
        var sensor = Sensor();

        var fired = Enumerable.Range(0, 10)
            .Select(s => (Second: s, Alerts: sensor.Detect(T0 + (s * Second), People(3)).Of<PublishAlert>().ToList()))
            .Where(x => x.Alerts.Count > 0)
            .ToList();

        var (second, alerts) = Assert.Single(fired);
        Assert.Equal(5, second);
        var alert = Assert.Single(alerts).Alert;
        Assert.Equal(["1", "2", "3"], alert.ObjectIds);
        Assert.Equal("dock", alert.ZoneId);
    }

    [Fact]
    public void A_flicker_above_the_minimum_does_not_fire()
    {
        var sensor = Sensor();

        for (var s = 0; s < 20; s++)
        {
            // Three people for 4 s, then one leaves the zone for a frame, again and again.
            var count = s % 5 == 4 ? 2 : 3;
            var objects = People(3);
            if (count == 2)
            {
                objects[2] = At("3", 600, 200);
            }

            Assert.Empty(sensor.Detect(T0 + (s * Second), objects).Of<PublishAlert>());
        }
    }

    [Fact]
    public void The_rule_rearms_when_the_count_drops_below_the_minimum()
    {
        var sensor = Sensor(minimum: 2, seconds: 0);

        var first = sensor.Detect(T0, People(2)).Of<PublishAlert>().Count();
        var still = sensor.Detect(T0 + Second, People(2)).Of<PublishAlert>().Count();
        var oneLeft = sensor.Detect(T0 + (2 * Second), At("1", 130, 200), At("2", 700, 200)).Of<PublishAlert>().Count();
        var back = sensor.Detect(T0 + (3 * Second), People(2)).Of<PublishAlert>().Count();

        Assert.Equal((1, 0, 0, 1), (first, still, oneLeft, back));
    }

    [Fact]
    public void Objects_not_seen_in_a_frame_still_count_until_they_time_out()
    {
        var sensor = Sensor(minimum: 3, seconds: 2);
        sensor.Detect(T0, People(3));

        // Only one of the three is detected in the next frames: the others are still tracked in the zone.
        Assert.Empty(sensor.Detect(T0 + Second, At("1", 130, 200)).Of<PublishAlert>());
        var alert = Assert.Single(sensor.Detect(T0 + (2 * Second), At("1", 130, 200)).Of<PublishAlert>()).Alert;

        Assert.Equal(["1"], alert.ObjectIds); // the objects of this frame
        Assert.Equal("3 in Loading dock", alert.Message); // the count is everyone present
    }

    [Fact]
    public void Only_the_listed_classes_count()
    {
        var sensor = Sensor(minimum: 3, seconds: 0, classes: ["person"]);

        var mixed = sensor.Detect(T0, At("1", 120, 200), At("2", 140, 200), At("3", 160, 200, "Vehicle"));
        var people = sensor.Detect(T0 + Second, At("1", 120, 200), At("2", 140, 200), At("4", 180, 200));

        Assert.Empty(mixed.Of<PublishAlert>());
        Assert.Single(people.Of<PublishAlert>());
    }

    [Fact]
    public void A_silent_sensor_ends_the_episode()
    {
        var sensor = Sensor(minimum: 2, seconds: 3);
        sensor.Detect(T0, People(2));
        sensor.Detect(T0 + Second, People(2));
        sensor.FireTimer(); // silent for the object timeout: everyone has left

        var later = T0 + TimeSpan.FromMinutes(10);
        Assert.Empty(sensor.Detect(later, People(2)).Of<PublishAlert>());
        Assert.Single(sensor.Detect(later + (3 * Second), People(2)).Of<PublishAlert>());
    }
}
