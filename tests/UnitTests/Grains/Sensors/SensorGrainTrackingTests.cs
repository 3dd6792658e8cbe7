using System.Text.Json;
using Platform.Grains.Effects;
using Platform.Grains.Json;
using Platform.Grains.Sensors;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Sensors;

public sealed class SensorGrainTrackingTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>The last row per (zone, class, minute): what the host's upserts leave in the table.</summary>
    private static Dictionary<(string Zone, string Class, DateTimeOffset Minute), (int Entries, int Exits, int MaxPresent)> Rows(IEnumerable<GrainEffect> effects) =>
        effects.Of<UpsertTrafficCount>()
            .GroupBy(c => (c.ZoneId, c.Class, c.Minute))
            .ToDictionary(g => g.Key, g => (g.Last().Entries, g.Last().Exits, g.Last().MaxPresent));

    [Fact]
    public void Object_tracks_class_box_zones_and_first_and_last_sighting()
    {
        var sensor = new SensorHarness(SensorWith());

        sensor.Detect(T0, At("1", 50, 50, "Car"));
        sensor.Detect(T0 + (3 * Second), At("1", 200, 200, "Car"));

        var tracked = sensor.Grain.State.Objects!["1"];
        Assert.Equal(("Car", 190.0, 160.0, 210.0, 200.0), (tracked.Label, tracked.Left, tracked.Top, tracked.Right, tracked.Bottom));
        Assert.Equal((T0, T0 + (3 * Second)), (tracked.FirstSeen, tracked.LastSeen));
        var visit = Assert.Single(tracked.Zones!);
        Assert.Equal(("dock", T0 + (3 * Second)), (visit.ZoneId, visit.EnteredAt));
    }

    [Fact]
    public void Entries_exits_and_max_present_are_counted_per_zone_class_and_minute()
    {
        var sensor = new SensorHarness(SensorWith(), new() { ObjectTimeout = TimeSpan.FromMinutes(2) });
        var effects = new List<GrainEffect>();

        effects.AddRange(sensor.Detect(T0 + (10 * Second), At("a", 200, 200)));
        effects.AddRange(sensor.Detect(T0 + (20 * Second), At("a", 200, 200), At("b", 150, 150), At("car", 250, 250, "Car")));
        effects.AddRange(sensor.Detect(T0 + (40 * Second), At("a", 50, 50), At("b", 150, 150)));
        effects.AddRange(sensor.Detect(T0 + (65 * Second), At("b", 150, 150), At("c", 160, 160)));

        var minute = T0;
        var next = T0 + TimeSpan.FromMinutes(1);
        Assert.Equal(
            new Dictionary<(string, string, DateTimeOffset), (int, int, int)>
            {
                [("dock", "Person", minute)] = (2, 1, 2),
                [("dock", "Car", minute)] = (1, 0, 1),
                [("dock", "Person", next)] = (1, 0, 2), // b was present when the minute began
            },
            Rows(effects));
    }

    [Fact]
    public void Each_turn_emits_one_row_per_changed_bucket()
    {
        var sensor = new SensorHarness(SensorWith());

        var effects = sensor.Detect(T0, At("a", 200, 200), At("b", 150, 150), At("c", 160, 160));

        var row = Assert.Single(effects.Of<UpsertTrafficCount>());
        Assert.Equal((3, 0, 3), (row.Entries, row.Exits, row.MaxPresent));
    }

    [Fact]
    public void Line_crossings_are_counted_per_direction_class_and_minute()
    {
        var sensor = new SensorHarness(SensorWith());
        var effects = new List<GrainEffect>();

        // The gate is y = 500 from x 0 to 400: two people go down (a-to-b), one comes back up, a car goes down.
        effects.AddRange(sensor.Detect(T0, At("p1", 100, 450), At("p2", 200, 450), At("c1", 300, 450, "Car")));
        effects.AddRange(sensor.Detect(T0 + Second, At("p1", 100, 550), At("p2", 200, 550), At("c1", 300, 550, "Car")));
        effects.AddRange(sensor.Detect(T0 + (2 * Second), At("p1", 100, 450)));
        // p1 stays above the gate (seen within the object timeout) and goes down again in the next minute.
        effects.AddRange(sensor.Detect(T0 + (52 * Second), At("p1", 100, 440)));
        effects.AddRange(sensor.Detect(T0 + TimeSpan.FromMinutes(1), At("p1", 100, 550)));

        var lineRows = effects.Of<UpsertTrafficCount>().Where(c => c.IsLine).ToList();
        Assert.All(lineRows, row => Assert.Equal(("gate", 0), (row.ZoneId, row.MaxPresent)));
        Assert.Equal(
            new Dictionary<(string, string, DateTimeOffset), (int, int, int)>
            {
                [("gate", "Person", T0)] = (2, 1, 0),
                [("gate", "Car", T0)] = (1, 0, 0),
                [("gate", "Person", T0.AddMinutes(1))] = (1, 0, 0),
            },
            Rows(lineRows));
        Assert.DoesNotContain(effects.Of<UpsertTrafficCount>(), c => !c.IsLine && c.ZoneId == "gate");
    }

    [Fact]
    public void Object_unseen_for_the_timeout_leaves_when_the_silent_sensors_timer_fires()
    {
        var sensor = new SensorHarness(SensorWith(), new() { ObjectTimeout = 10 * Second });
        sensor.Detect(T0 + (5 * Second), At("a", 200, 200));
        sensor.Detect(T0 + (8 * Second), At("a", 210, 210));

        // Armed from the processing time of the last detection (200 ms after its event time in this harness).
        Assert.Equal(T0 + (18 * Second) + TimeSpan.FromMilliseconds(200), sensor.Grain.NextTimerDue);
        var effects = sensor.FireTimer();

        var row = Assert.Single(effects.Of<UpsertTrafficCount>());
        Assert.Equal((T0, 1, 1, 1), (row.Minute, row.Entries, row.Exits, row.MaxPresent));
        Assert.Null(sensor.Grain.State.Objects);
        Assert.Null(sensor.Grain.State.Buckets);
        Assert.Null(sensor.Grain.NextTimerDue);
    }

    [Fact]
    public void Early_timer_changes_nothing()
    {
        var sensor = new SensorHarness(SensorWith());
        sensor.Detect(T0, At("a", 200, 200));

        var turn = new Platform.Grains.Turns.GrainTurn(T0 + Second, Platform.Grains.Turns.SourcePosition.ForTimer(3, T0 + Second));
        sensor.Grain.OnTimer(turn);

        Assert.Empty(turn.Effects);
        Assert.NotNull(sensor.Grain.State.Objects);
    }

    [Fact]
    public void Object_unseen_for_the_timeout_in_event_time_leaves_before_the_next_detection_is_applied()
    {
        var sensor = new SensorHarness(SensorWith(), new() { ObjectTimeout = 10 * Second });
        sensor.Detect(T0 + (5 * Second), At("a", 200, 200));

        var effects = sensor.Detect(T0 + (50 * Second), At("b", 20, 20));

        var row = Assert.Single(effects.Of<UpsertTrafficCount>());
        Assert.Equal((1, 1), (row.Entries, row.Exits));
        Assert.Equal(["b"], sensor.Grain.State.Objects!.Keys);
    }

    [Fact]
    public void Object_coming_back_after_the_timeout_is_a_new_visit()
    {
        var sensor = new SensorHarness(SensorWith(), new() { ObjectTimeout = 10 * Second });
        sensor.Detect(T0, At("a", 200, 200));

        var effects = sensor.Detect(T0 + (30 * Second), At("a", 200, 200));

        var row = Assert.Single(effects.Of<UpsertTrafficCount>());
        Assert.Equal((2, 1, 1), (row.Entries, row.Exits, row.MaxPresent));
        Assert.Equal(T0 + (30 * Second), sensor.Grain.State.Objects!["a"].FirstSeen);
    }

    [Fact]
    public void Only_open_minutes_stay_in_state()
    {
        var options = new SensorGrainOptions { ObjectTimeout = 10 * Second, CountLateness = 30 * Second };
        var sensor = new SensorHarness(SensorWith(), options);
        sensor.Detect(T0, At("a", 200, 200));
        sensor.Detect(T0 + (5 * Second), At("b", 200, 200));
        sensor.Detect(T0 + (65 * Second), At("c", 200, 200));

        Assert.Equal([T0, T0 + TimeSpan.FromMinutes(1)], sensor.Grain.State.Buckets!.Select(b => b.Minute).Distinct());

        // Minute 10:00 closes once event time passes 10:01 + timeout + lateness = 10:01:40.
        sensor.Detect(T0 + (100 * Second), At("c", 200, 200));

        Assert.Equal([T0 + TimeSpan.FromMinutes(1)], sensor.Grain.State.Buckets!.Select(b => b.Minute).Distinct());
    }

    [Fact]
    public void Idle_sensor_state_serializes_to_a_few_bytes_and_reads_back()
    {
        var sensor = new SensorHarness(SensorWith(RuleWith(new Platform.Grains.Interfaces.Rules.ObjectInZoneCondition { ZoneId = "dock" })));
        sensor.Detect(T0, At("a", 200, 200));
        sensor.Detect(T0 + TimeSpan.FromMinutes(2), At("a", 50, 50));
        sensor.FireTimer();

        var json = JsonSerializer.Serialize(sensor.Grain.State, GrainStateJsonContext.Default.SensorState);

        Assert.Equal("""{"version":1,"watermark":"2026-11-20T10:02:00+00:00","lastDetectionAt":"2026-11-20T10:02:00.2+00:00"}""", json);
        var read = JsonSerializer.Deserialize(json, GrainStateJsonContext.Default.SensorState)!;
        Assert.Equal((1, T0 + TimeSpan.FromMinutes(2)), (read.Version, read.Watermark));
    }

    [Fact]
    public void Busy_sensor_state_round_trips_through_json_and_the_grain_continues_from_it()
    {
        var rule = RuleWith(new Platform.Grains.Interfaces.Rules.DwellCondition { ZoneId = "dock", MinimumDwell = 30 * Second });
        var options = new SensorGrainOptions { ObjectTimeout = TimeSpan.FromMinutes(1) };
        var sensor = new SensorHarness(SensorWith(rule), options);
        sensor.Detect(T0, At("a", 200, 200));

        var json = JsonSerializer.Serialize(sensor.Grain.State, GrainStateJsonContext.Default.SensorState);
        var restored = new SensorHarness(SensorWith(rule), options, state: JsonSerializer.Deserialize(json, GrainStateJsonContext.Default.SensorState));

        Assert.Single(restored.Detect(T0 + (30 * Second), At("a", 200, 200)).Of<PublishAlert>());
    }
}
