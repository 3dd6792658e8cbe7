using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Sensors;

public sealed class SensorGrainRuleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Object_entering_a_zone_fires_an_on_enter_rule_once_with_an_alert_and_a_record_request()
    {
        var rule = RuleWith(
            new ObjectInZoneCondition { ZoneId = "dock", Classes = ["person"], Trigger = ZoneTrigger.OnEnter },
            new RecordAction { PreRoll = 5 * Second, PostRoll = 10 * Second, MaxSession = TimeSpan.FromMinutes(1), Container = "mkv" },
            new AlertAction { Severity = AlertSeverity.Critical, MessageTemplate = "{rule}: {count} {class} in {zone} on {sensor} ({objectId}) at {time}" });
        var sensor = new SensorHarness(SensorWith(rule));

        Assert.Empty(sensor.Detect(T0, At("7", 50, 50)).Of<PublishAlert>());
        var effects = sensor.Detect(T0 + Second, At("7", 200, 200));

        var alert = Assert.Single(effects.Of<PublishAlert>()).Alert;
        Assert.Equal("Dock watch: 1 Person in Loading dock on sensor-1 (7) at 2026-11-20T10:00:01.000Z", alert.Message);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(RuleId.From("rule-1"), alert.RuleId);
        Assert.Equal("dock", alert.ZoneId);
        Assert.Equal(["7"], alert.ObjectIds);
        Assert.Equal("Person", alert.Class);
        Assert.Equal(Camera, alert.CameraId);
        Assert.Equal(T0 + Second, alert.OccurredAt);
        Assert.Equal(SensorHarness.MessageIdAt(sensor.LastOffset), alert.TriggerMessageId);
        Assert.Equal(alert.AlertId.Value, Assert.Single(effects.Of<PublishAlert>()).EffectId);

        var send = Assert.Single(effects.Of<SendToGrain>());
        Assert.Equal(GrainKey.ForCamera(Camera), send.Envelope.GrainKey);
        Assert.Equal(send.EffectId, send.Envelope.MessageId);
        var record = Assert.IsType<RecordRequested>(send.Envelope.Message);
        Assert.Equal(T0 + Second, record.TriggeredAt);
        Assert.Equal((5 * Second, 10 * Second, TimeSpan.FromMinutes(1), "mkv"), (record.PreRoll, record.PostRoll, record.MaxSession, record.Container));
        Assert.Equal(RuleId.From("rule-1"), record.RuleId);
        Assert.Equal(Sensor, record.SensorId);
        Assert.Equal(alert.TriggerMessageId, record.TriggerMessageId);

        Assert.Empty(sensor.Detect(T0 + (2 * Second), At("7", 210, 210)).Of<PublishAlert>());
    }

    [Fact]
    public void On_enter_rule_ignores_other_classes()
    {
        var sensor = new SensorHarness(SensorWith(RuleWith(new ObjectInZoneCondition { ZoneId = "dock", Classes = ["Person"] })));

        Assert.Empty(sensor.Detect(T0, At("1", 200, 200, "Vehicle")).Of<PublishAlert>());
        Assert.Single(sensor.Detect(T0 + Second, At("2", 200, 200, "Person")).Of<PublishAlert>());
    }

    [Fact]
    public void Record_action_without_camera_records_the_camera_linked_to_the_sensor()
    {
        var sensor = new SensorHarness(SensorWith(RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }, new RecordAction())));

        var effects = sensor.Detect(T0, At("1", 200, 200));

        Assert.Equal(GrainKey.ForCamera(Camera), Assert.Single(effects.Of<SendToGrain>()).Envelope.GrainKey);
        var alert = Assert.Single(effects.Of<PublishAlert>()).Alert;
        Assert.Equal(AlertSeverity.Info, alert.Severity); // no alert action: the default alert
        Assert.Equal("Dock watch: Person on sensor-1", alert.Message);
    }

    [Fact]
    public void Alert_of_a_rule_recording_another_camera_names_the_sensors_camera_and_the_recorded_one()
    {
        var other = CameraId.From("cam-yard");
        var sensor = new SensorHarness(SensorWith(RuleWith(new ObjectInZoneCondition { ZoneId = "dock" },
            new RecordAction { CameraId = other }, new RecordAction(), new AlertAction { MessageTemplate = "{class} at {camera}" })));

        var alert = Assert.Single(sensor.Detect(T0, At("1", 200, 200)).Of<PublishAlert>()).Alert;

        Assert.Equal(Camera, alert.CameraId);
        Assert.Equal([other, Camera], alert.RecordCameraIds);
        Assert.Equal("Person at cam-1", alert.Message);
    }

    [Fact]
    public void Alert_of_a_sensor_without_a_camera_names_no_camera_and_records_none()
    {
        var sensor = new SensorHarness(SensorWith(RuleWith(new ObjectInZoneCondition { ZoneId = "dock" })) with { CameraId = null });

        var alert = Assert.Single(sensor.Detect(T0, At("1", 200, 200)).Of<PublishAlert>()).Alert;

        Assert.Null(alert.CameraId);
        Assert.Empty(alert.RecordCameraIds);
    }

    [Fact]
    public void While_present_rule_fires_on_detections_inside_the_zone_throttled_by_the_cooldown()
    {
        var rule = RuleWith(new ObjectInZoneCondition { ZoneId = "dock", Trigger = ZoneTrigger.WhilePresent }) with { Cooldown = 10 * Second };
        var sensor = new SensorHarness(SensorWith(rule));

        var fired = new[] { 0, 3, 6, 9, 10, 15, 21 }
            .Where(s => sensor.Detect(T0 + (s * Second), At("1", 200, 200)).Of<PublishAlert>().Any())
            .ToList();

        Assert.Equal([0, 10, 21], fired);
    }

    [Fact]
    public void Cooldown_counts_in_event_time_not_processing_time()
    {
        var rule = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }) with { Cooldown = TimeSpan.FromMinutes(1) };
        var sensor = new SensorHarness(SensorWith(rule));

        Assert.Single(sensor.Detect(T0, At("1", 200, 200)).Of<PublishAlert>());
        sensor.Clock.Advance(TimeSpan.FromHours(1)); // a backlog: processed an hour later
        Assert.Empty(sensor.Detect(T0 + (30 * Second), At("2", 150, 150)).Of<PublishAlert>());
        Assert.Single(sensor.Detect(T0 + (60 * Second), At("3", 150, 150)).Of<PublishAlert>());
    }

    [Fact]
    public void Line_crossing_rules_fire_only_in_their_direction()
    {
        Rule Crossing(string id, CrossingDirection direction) =>
            RuleWith(new LineCrossingCondition { LineId = "gate", Direction = direction }) with { Id = RuleId.From(id) };
        var sensor = new SensorHarness(SensorWith(Crossing("down", CrossingDirection.AToB), Crossing("up", CrossingDirection.BToA), Crossing("any", CrossingDirection.Either)));

        sensor.Detect(T0, At("1", 200, 450));
        var down = sensor.Detect(T0 + Second, At("1", 200, 550)).Of<PublishAlert>().Select(a => a.Alert.RuleId.Value);
        var up = sensor.Detect(T0 + (2 * Second), At("1", 200, 450)).Of<PublishAlert>().Select(a => a.Alert.RuleId.Value);
        var beside = sensor.Detect(T0 + (3 * Second), At("1", 900, 550)).Of<PublishAlert>(); // passes beyond B

        Assert.Equal(["down", "any"], down);
        Assert.Equal(["up", "any"], up);
        Assert.Empty(beside);
    }

    [Fact]
    public void Line_crossing_alert_names_the_line()
    {
        var rule = RuleWith(
            new LineCrossingCondition { LineId = "gate" },
            new AlertAction { MessageTemplate = "{class} crossed {line}" });
        var sensor = new SensorHarness(SensorWith(rule));

        sensor.Detect(T0, At("1", 200, 450, "Car"));
        var alert = Assert.Single(sensor.Detect(T0 + Second, At("1", 200, 550, "Car")).Of<PublishAlert>()).Alert;

        Assert.Equal("Car crossed Gate", alert.Message);
        Assert.Equal("gate", alert.LineId);
    }

    [Fact]
    public void Count_in_zone_fires_when_the_threshold_of_entries_is_reached_within_the_window()
    {
        var rule = RuleWith(
            new CountInZoneCondition { ZoneId = "dock", Threshold = 3, Window = TimeSpan.FromMinutes(1) },
            new AlertAction { MessageTemplate = "{count} entries" });
        var sensor = new SensorHarness(SensorWith(rule), new() { ObjectTimeout = TimeSpan.FromMinutes(5) });

        Assert.Empty(sensor.Detect(T0, At("1", 200, 200)).Of<PublishAlert>());
        Assert.Empty(sensor.Detect(T0 + (20 * Second), At("2", 200, 200)).Of<PublishAlert>());
        var third = sensor.Detect(T0 + (40 * Second), At("3", 200, 200));

        Assert.Equal("3 entries", Assert.Single(third.Of<PublishAlert>()).Alert.Message);
    }

    [Fact]
    public void Count_in_zone_forgets_entries_older_than_the_window()
    {
        var rule = RuleWith(new CountInZoneCondition { ZoneId = "dock", Threshold = 3, Window = TimeSpan.FromMinutes(1) });
        var sensor = new SensorHarness(SensorWith(rule), new() { ObjectTimeout = TimeSpan.FromMinutes(5) });

        sensor.Detect(T0, At("1", 200, 200));
        sensor.Detect(T0 + (20 * Second), At("2", 200, 200));

        Assert.Empty(sensor.Detect(T0 + (70 * Second), At("3", 200, 200)).Of<PublishAlert>());
        Assert.Single(sensor.Detect(T0 + (75 * Second), At("4", 200, 200)).Of<PublishAlert>());
    }

    [Fact]
    public void Dwell_fires_once_per_visit_when_an_object_stays_long_enough()
    {
        var rule = RuleWith(new DwellCondition { ZoneId = "dock", MinimumDwell = 30 * Second });
        var sensor = new SensorHarness(SensorWith(rule), new() { ObjectTimeout = TimeSpan.FromMinutes(1) });

        var fired = new List<int>();
        foreach (var s in new[] { 0, 10, 20, 29, 30, 35, 40 })
        {
            if (sensor.Detect(T0 + (s * Second), At("1", 200, 200)).Of<PublishAlert>().Any())
            {
                fired.Add(s);
            }
        }

        sensor.Detect(T0 + (45 * Second), At("1", 50, 50)); // leaves
        foreach (var s in new[] { 50, 70, 80, 81 })
        {
            if (sensor.Detect(T0 + (s * Second), At("1", 200, 200)).Of<PublishAlert>().Any())
            {
                fired.Add(s);
            }
        }

        Assert.Equal([30, 80], fired);
    }

    [Fact]
    public void Event_type_rule_fires_on_its_types_only()
    {
        var sensor = new SensorHarness(SensorWith(RuleWith(new EventTypeCondition { EventTypes = ["stopped", "parked"] })));

        Assert.Empty(sensor.DetectEvent(T0, "moving", At("1", 50, 50)).Of<PublishAlert>());
        Assert.Empty(sensor.DetectEvent(T0 + Second, null, At("1", 50, 50)).Of<PublishAlert>());
        var alert = Assert.Single(sensor.DetectEvent(T0 + (2 * Second), "stopped", At("1", 50, 50, "Car")).Of<PublishAlert>()).Alert;

        Assert.Equal(["1"], alert.ObjectIds);
        Assert.Single(sensor.DetectEvent(T0 + (3 * Second), "parked").Of<PublishAlert>()); // an object-less event fires too
    }

    [Fact]
    public void Objects_below_the_minimum_confidence_do_not_trigger_but_objects_without_a_confidence_do()
    {
        var rule = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }) with { MinConfidence = 0.6 };
        var sensor = new SensorHarness(SensorWith(rule));

        Assert.Empty(sensor.Detect(T0, At("1", 200, 200, confidence: 0.59)).Of<PublishAlert>());
        Assert.Equal(["2"], Assert.Single(sensor.Detect(T0 + Second, At("2", 200, 200, confidence: 0.6)).Of<PublishAlert>()).Alert.ObjectIds);
        Assert.Single(sensor.Detect(T0 + (2 * Second), At("3", 200, 200, confidence: null)).Of<PublishAlert>());
    }

    [Fact]
    public void Rule_fires_only_inside_its_schedule()
    {
        // Weekdays 08:00–18:00 in Berlin (UTC+1 in November): T0 is Friday 11:00 local.
        var rule = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }) with
        {
            Schedule = new RuleSchedule
            {
                TimeZone = "Europe/Berlin",
                Windows = [new ScheduleWindow { Days = [DayOfWeek.Monday, DayOfWeek.Friday], Start = new(8, 0), End = new(18, 0) }],
            },
        };
        var sensor = new SensorHarness(SensorWith(rule));

        Assert.Single(sensor.Detect(T0, At("1", 200, 200)).Of<PublishAlert>());
        Assert.Empty(sensor.Detect(T0 + TimeSpan.FromHours(7), At("2", 200, 200)).Of<PublishAlert>()); // Friday 18:00 local
        Assert.Empty(sensor.Detect(T0 + TimeSpan.FromDays(1), At("3", 200, 200)).Of<PublishAlert>()); // Saturday
    }

    [Fact]
    public void Rule_with_an_unknown_time_zone_never_fires()
    {
        var rule = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }) with
        {
            Schedule = new RuleSchedule { TimeZone = "Nowhere/Land", Windows = [new ScheduleWindow { Start = new(0, 0), End = new(23, 59) }] },
        };

        Assert.Empty(new SensorHarness(SensorWith(rule)).Detect(T0, At("1", 200, 200)).Of<PublishAlert>());
    }

    [Fact]
    public void Disabled_rules_and_rules_of_other_sensors_do_not_fire()
    {
        var disabled = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }) with { Enabled = false };
        var other = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }) with { Id = RuleId.From("r2"), SensorIds = [SensorId.From("sensor-2")] };
        var sensor = new SensorHarness(SensorWith(disabled, other));

        Assert.Empty(sensor.Detect(T0, At("1", 200, 200)).Of<PublishAlert>());
    }

    [Fact]
    public void Reconfigured_rules_apply_from_the_next_message()
    {
        var sensor = new SensorHarness(SensorWith());
        Assert.Empty(sensor.Detect(T0, At("1", 200, 200)).Of<PublishAlert>());

        sensor.Grain.Configure(SensorWith(RuleWith(new ObjectInZoneCondition { ZoneId = "dock" })));

        Assert.Single(sensor.Detect(T0 + Second, At("2", 200, 200)).Of<PublishAlert>());
    }

    [Fact]
    public void Removing_a_zone_forgets_visits_to_it_and_removing_a_rule_forgets_its_cooldown()
    {
        var rule = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }) with { Cooldown = TimeSpan.FromHours(1) };
        var sensor = new SensorHarness(SensorWith(rule));
        sensor.Detect(T0, At("1", 200, 200));
        Assert.NotNull(sensor.Grain.State.Rules);

        sensor.Grain.Configure(SensorWith() with { Zones = [] });

        Assert.Null(sensor.Grain.State.Objects!["1"].Zones);
        Assert.Null(sensor.Grain.State.Rules);
    }

    [Fact]
    public void Two_rules_firing_on_one_message_get_distinct_ids()
    {
        var first = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }, new RecordAction(), new AlertAction { MessageTemplate = "a" });
        var second = first with { Id = RuleId.From("rule-2") };
        var sensor = new SensorHarness(SensorWith(first, second));

        var effects = sensor.Detect(T0, At("1", 200, 200));

        Assert.Equal(4, effects.Count(e => e is PublishAlert or SendToGrain));
        Assert.Equal(effects.Count, effects.Select(e => e.EffectId).Distinct().Count());
    }
}
