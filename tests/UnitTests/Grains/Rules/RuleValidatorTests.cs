using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Rules;

namespace Platform.UnitTests.Grains.Rules;

public sealed class RuleValidatorTests
{
    private static Rule ValidRule() => new()
    {
        Id = RuleId.From("rule-1"),
        Name = "Dock at night",
        SensorIds = [GrainTestData.Sensor],
        Condition = new ObjectInZoneCondition { ZoneId = "dock", Classes = ["Person"] },
        Schedule = new RuleSchedule
        {
            TimeZone = "Europe/Berlin",
            Windows = [new ScheduleWindow { Days = [DayOfWeek.Friday], Start = new(22, 0), End = new(6, 0) }],
        },
        Cooldown = TimeSpan.FromSeconds(30),
        MinConfidence = 0.5,
        Actions =
        [
            new RecordAction { CameraId = GrainTestData.Camera },
            new AlertAction { Severity = AlertSeverity.Critical, MessageTemplate = "{class} in {zone} on {sensor}" },
        ],
    };

    [Fact]
    public void Valid_rule_has_no_problems_with_or_without_its_sensor()
    {
        Assert.Empty(RuleValidator.ValidateRule(ValidRule()));
        Assert.Empty(RuleValidator.ValidateRule(ValidRule(), GrainTestData.SensorWith(), new HashSet<CameraId> { GrainTestData.Camera }));
        Assert.Empty(RuleValidator.ValidateSensor(GrainTestData.SensorWith(ValidRule())));
    }

    [Fact]
    public void Every_problem_of_a_rule_is_reported_at_once_with_its_path()
    {
        var rule = ValidRule() with
        {
            Id = default,
            Name = " ",
            SensorIds = [],
            Condition = new ObjectInZoneCondition { ZoneId = "nowhere", Classes = ["Person", ""] },
            Schedule = new RuleSchedule
            {
                TimeZone = "Europe/Atlantis",
                Windows = [new ScheduleWindow { Start = new(8, 0), End = new(8, 0) }],
            },
            Cooldown = TimeSpan.FromSeconds(-1),
            MinConfidence = 1.5,
            Actions =
            [
                new AlertAction { MessageTemplate = "{class} at {place}" },
                new RecordAction
                {
                    CameraId = CameraId.From("cam-unknown"),
                    PreRoll = TimeSpan.FromMinutes(11),
                    PostRoll = TimeSpan.FromSeconds(-2),
                    MaxSession = TimeSpan.FromHours(2),
                    Container = "avi",
                },
            ],
        };

        var problems = RuleValidator.ValidateRule(rule, GrainTestData.SensorWith(), new HashSet<CameraId> { GrainTestData.Camera });

        Assert.Equal(
            [
                "id",
                "name",
                "sensorIds",
                "condition.zoneId",
                "condition.classes[1]",
                "schedule.timeZone",
                "schedule.windows[0].end",
                "cooldown",
                "minConfidence",
                "actions[0].messageTemplate",
                "actions[1].cameraId",
                "actions[1].preRoll",
                "actions[1].postRoll",
                "actions[1].maxSession",
                "actions[1].container",
            ],
            problems.Select(p => p.Path));
        Assert.Contains(problems, p => p.Path == "condition.zoneId" && p.Message.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "schedule.timeZone" && p.Message.Contains("Europe/Atlantis", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "actions[0].messageTemplate" && p.Message.Contains("{place}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3, 30, null)]
    [InlineData(3, 0, null)]
    [InlineData(0, 30, "condition.minimum")]
    [InlineData(10_001, 30, "condition.minimum")]
    [InlineData(3, -1, "condition.minimumDuration")]
    [InlineData(3, 86_401, "condition.minimumDuration")]
    public void Occupancy_needs_a_minimum_of_objects_and_a_duration_that_is_not_negative(int minimum, int seconds, string? path)
    {
        var rule = ValidRule() with
        {
            Condition = new OccupancyAtLeastCondition { ZoneId = "dock", Minimum = minimum, MinimumDuration = TimeSpan.FromSeconds(seconds) },
        };

        var problems = RuleValidator.ValidateRule(rule, GrainTestData.SensorWith(), new HashSet<CameraId> { GrainTestData.Camera });

        Assert.Equal(path is null ? [] : [path], problems.Select(p => p.Path));
    }

    [Fact]
    public void Missing_condition_and_actions_are_reported()
    {
        var problems = RuleValidator.ValidateRule(new Rule { Id = RuleId.From("r"), Name = "n", SensorIds = [GrainTestData.Sensor] });

        Assert.Equal(["condition", "actions"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Condition_fields_are_checked_per_kind()
    {
        var sensor = GrainTestData.SensorWith();
        string[] Paths(RuleCondition condition) =>
            [.. RuleValidator.ValidateRule(ValidRule() with { Condition = condition }, sensor).Select(p => p.Path)];

        Assert.Equal(["condition.threshold", "condition.window"], Paths(new CountInZoneCondition { ZoneId = "dock", Threshold = 0 }));
        Assert.Equal(["condition.minimumDwell"], Paths(new DwellCondition { ZoneId = "dock", MinimumDwell = TimeSpan.Zero }));
        Assert.Equal(["condition.lineId"], Paths(new LineCrossingCondition { LineId = "fence" }));
        Assert.Equal(["condition.lineId"], Paths(new LineCrossingCondition { LineId = "" }));
        Assert.Equal(["condition.eventTypes[1]"], Paths(new EventTypeCondition { EventTypes = ["entry", "teleported"] }));
        Assert.Equal(["condition.eventTypes"], Paths(new EventTypeCondition()));
        Assert.Empty(Paths(new LineCrossingCondition { LineId = "gate", Direction = CrossingDirection.AToB, Classes = ["Forklift"] }));
    }

    [Fact]
    public void An_analytics_event_rule_needs_a_kind_and_that_kinds_directions_in_plain_words()
    {
        var sensor = GrainTestData.SensorWith();
        IReadOnlyList<ValidationProblem> Problems(AnalyticsEventCondition condition) =>
            RuleValidator.ValidateRule(ValidRule() with { Condition = condition }, sensor);

        Assert.Empty(Problems(new AnalyticsEventCondition { Kind = "tripwire", EventIds = ["door-1"], Directions = ["in", "OUT"], Classes = ["Person"] }));
        Assert.Empty(Problems(new AnalyticsEventCondition { Kind = "ROI" }));
        var kind = Assert.Single(Problems(new AnalyticsEventCondition { Kind = "zone" }));
        Assert.Equal(("condition.kind", "Must be 'tripwire' or 'roi' (the event.info class VSS sends), not 'zone'."), (kind.Path, kind.Message));
        var direction = Assert.Single(Problems(new AnalyticsEventCondition { Kind = "roi", Directions = ["ENTRY", "IN"] }));
        Assert.Equal(("condition.directions[1]", "A roi event is ENTRY or EXIT, not 'IN'."), (direction.Path, direction.Message));
        Assert.Equal(["condition.eventIds[0]", "condition.classes[0]"],
            Problems(new AnalyticsEventCondition { Kind = "tripwire", EventIds = [" "], Classes = [""] }).Select(p => p.Path));
    }

    [Fact]
    public void Record_action_without_camera_needs_a_camera_linked_to_the_sensor()
    {
        var rule = ValidRule() with { Actions = [new RecordAction()] };

        Assert.Empty(RuleValidator.ValidateRule(rule, GrainTestData.SensorWith()));
        var problems = RuleValidator.ValidateRule(rule, GrainTestData.SensorWith() with { CameraId = null });
        Assert.Equal(["actions[0].cameraId"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Max_session_shorter_than_pre_and_post_roll_is_reported()
    {
        var rule = ValidRule() with
        {
            Actions = [new RecordAction { PreRoll = TimeSpan.FromSeconds(30), PostRoll = TimeSpan.FromSeconds(40), MaxSession = TimeSpan.FromMinutes(1) }],
        };

        Assert.Equal(["actions[0].maxSession"], RuleValidator.ValidateRule(rule).Select(p => p.Path));
    }

    [Fact]
    public void Zones_and_lines_outside_the_sensors_frame_are_refused_point_by_point_and_the_frame_size_is_checked()
    {
        var sensor = new SensorConfig
        {
            SensorId = GrainTestData.Sensor,
            FrameWidth = 1920,
            FrameHeight = 1080,
            Zones = [new Zone { Id = "far", Name = "Far", Polygon = [new(0, 0), new(99_999, 0), new(1920, 1080)] }],
            Lines = [new Line { Id = "low", Name = "Low", A = new(0, 1081), B = new(1920, 1080) }],
        };

        var problems = RuleValidator.ValidateSensor(sensor);

        Assert.Equal(["zones[0].polygon[1]", "lines[0].a"], problems.Select(p => p.Path));
        Assert.Equal("(99999, 0) is outside the sensor's 1920×1080 frame (frameWidth × frameHeight): x must be 0 to 1920, y 0 to 1080.", problems[0].Message);
        Assert.Equal(["zones[0].polygon[1]"], RuleValidator.ValidateSensor(sensor with { FrameWidth = 3840, FrameHeight = 2160 }).Select(p => p.Path));
        Assert.Equal(["frameWidth", "frameHeight"], RuleValidator.ValidateSensor(sensor with { FrameWidth = 0, FrameHeight = 20_000 }).Select(p => p.Path));
        Assert.Empty(RuleValidator.ValidateSensor(sensor with { FrameWidth = null, FrameHeight = null })); // the silo's view: no frame, no check
    }

    [Fact]
    public void Sensor_problems_in_zones_lines_and_rules_are_reported_together()
    {
        var sensor = new SensorConfig
        {
            SensorId = GrainTestData.Sensor,
            Zones =
            [
                new Zone { Id = "bow", Name = "Bow tie", Polygon = [new(0, 0), new(100, 100), new(100, 0), new(0, 100)] },
                new Zone { Id = "bow", Name = "", Polygon = [new(0, 0), new(10, 0)] },
                new Zone { Id = "flat", Name = "Flat", Polygon = [new(0, 0), new(10, 0), new(20, 0)] },
                new Zone { Id = "neg", Name = "Negative", Polygon = [new(-1, 0), new(10, 0), new(10, 10)] },
            ],
            Lines = [new Line { Id = "gate", Name = "Gate", A = new(5, 5), B = new(5, 5) }, new Line { Id = "flat", Name = "Flat line", A = new(0, 0), B = new(5, 5) }],
            Rules = [ValidRule() with { Condition = new ObjectInZoneCondition { ZoneId = "dock" }, Actions = [new RecordAction()] }],
        };

        var problems = RuleValidator.ValidateSensor(sensor);

        Assert.Equal(
            [
                "zones[0].polygon",
                "zones[1].id",
                "zones[1].name",
                "zones[1].polygon",
                "zones[2].polygon",
                "zones[3].polygon[0]",
                "lines[0].b",
                "lines[1].id",
                "rules[0].condition.zoneId",
                "rules[0].actions[0].cameraId",
            ],
            problems.Select(p => p.Path));
        Assert.Contains("Intersects itself", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("at least 3 points", problems[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Camera_needs_an_id_and_a_name_and_no_blank_device_sensor_id()
    {
        Assert.Empty(RuleValidator.ValidateCamera(new CameraConfig { CameraId = GrainTestData.Camera, Name = "Dock" }));
        Assert.Equal(
            ["cameraId", "name", "deviceSensorId"],
            RuleValidator.ValidateCamera(new CameraConfig { DeviceSensorId = " " }).Select(p => p.Path));
    }
}
