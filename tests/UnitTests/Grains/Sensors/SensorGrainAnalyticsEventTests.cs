using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Sensors;

/// <summary>Rules on events another analytics decided (VSS's tripwires and regions), not on this grain's own tracking.</summary>
public sealed class SensorGrainAnalyticsEventTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static AnalyticsEvent Tripwire(string id, string direction, string? objectId = "42", string? label = "Person") =>
        new() { Kind = "tripwire", EventId = id, Direction = direction, ObjectId = objectId, Class = label };

    [Fact]
    public void A_tripwire_event_of_the_rules_id_and_direction_fires_it_with_the_events_object_and_class_and_records()
    {
        var rule = RuleWith(
            new AnalyticsEventCondition { Kind = "tripwire", EventIds = ["door-1"], Directions = ["in"] },
            new RecordAction { PreRoll = 5 * Second, PostRoll = 10 * Second, MaxSession = TimeSpan.FromMinutes(1) },
            new AlertAction { Severity = AlertSeverity.Warning, MessageTemplate = "{class} {objectId}: {event}" });
        var sensor = new SensorHarness(SensorWith(rule));

        var effects = sensor.Analytics(T0, Tripwire("door-1", "IN"));

        var alert = Assert.Single(effects.Of<PublishAlert>()).Alert;
        Assert.Equal(("Person 42: tripwire door-1 IN", "Person", (string?)null, (string?)null), (alert.Message, alert.Class, alert.ZoneId, alert.LineId));
        Assert.Equal(["42"], alert.ObjectIds);
        Assert.Equal(T0, alert.OccurredAt);
        var record = Assert.IsType<RecordRequested>(Assert.Single(effects.Of<SendToGrain>()).Envelope.Message);
        Assert.Equal(T0, record.TriggeredAt);
    }

    [Fact]
    public void Another_tripwire_direction_kind_or_class_does_not_fire()
    {
        var rule = RuleWith(new AnalyticsEventCondition { Kind = "tripwire", EventIds = ["door-1"], Directions = ["IN"], Classes = ["Person"] });
        var sensor = new SensorHarness(SensorWith(rule));

        Assert.Empty(sensor.Analytics(T0, Tripwire("door-2", "IN")).Of<PublishAlert>());
        Assert.Empty(sensor.Analytics(T0 + Second, Tripwire("door-1", "OUT")).Of<PublishAlert>());
        Assert.Empty(sensor.Analytics(T0 + (2 * Second), Tripwire("door-1", "IN", label: "Vehicle")).Of<PublishAlert>());
        Assert.Empty(sensor.Analytics(T0 + (3 * Second), Tripwire("door-1", "IN", label: null)).Of<PublishAlert>());
        Assert.Empty(sensor.Analytics(T0 + (4 * Second), new AnalyticsEvent { Kind = "roi", EventId = "door-1", Direction = "ENTRY" }).Of<PublishAlert>());
        Assert.Single(sensor.Analytics(T0 + (5 * Second), Tripwire("door-1", "IN")).Of<PublishAlert>());
    }

    [Fact]
    public void An_analytics_event_moves_no_tracked_object_and_other_rules_ignore_it()
    {
        var sensor = new SensorHarness(SensorWith(
            RuleWith(new ObjectInZoneCondition { ZoneId = "dock", Trigger = ZoneTrigger.OnEnter }),
            RuleWith(new AnalyticsEventCondition { Kind = "roi" }) with { Id = Platform.Grains.Interfaces.Ids.RuleId.From("rule-roi") }));

        var effects = sensor.Analytics(T0, new AnalyticsEvent { Kind = "roi", EventId = "bay", Direction = "ENTRY", ObjectId = "9", Class = "Person" });

        Assert.Equal("rule-roi", Assert.Single(effects.Of<PublishAlert>()).Alert.RuleId.Value);
        Assert.Empty(effects.Of<UpsertTrafficCount>());
        Assert.Empty(sensor.Grain.State.Objects ?? []);
    }
}
