using System.Globalization;
using Platform.Grains.Geometry;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Grains.Rules;

/// <summary>
/// Checks rules, sensors and cameras and reports every problem at once, each with the JSON path of the
/// offending field (camelCase, as the gateway's API reads them), so that a form can mark all fields in one
/// round trip. Nothing here throws on bad input: deserialized configuration may have nulls anywhere.
/// </summary>
public static class RuleValidator
{
    public static readonly TimeSpan MaxRoll = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxSessionLength = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    /// <summary>More objects than any camera frame holds at once: a larger minimum is a typo.</summary>
    private const int MaxOccupancy = 10_000;

    // 16K: beyond any camera (and DeepStream's streammux).
    private const int MaxFrameSide = 16_384;
    public const int MaxNameLength = 200;

    /// <summary>
    /// Validates one rule. With <paramref name="sensor"/>, zone, line and camera references are checked against
    /// it; with <paramref name="knownCameras"/>, record actions must name one of them.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> ValidateRule(Rule rule, SensorConfig? sensor = null, IReadOnlySet<CameraId>? knownCameras = null)
    {
        var problems = new List<ValidationProblem>();
        CheckRule(problems, "", rule, sensor, knownCameras);
        return problems;
    }

    /// <summary>Validates a sensor's configuration: its zones, lines, linked camera and every rule in it (paths "zones[0].polygon", "rules[1].condition.zoneId").</summary>
    public static IReadOnlyList<ValidationProblem> ValidateSensor(SensorConfig sensor, IReadOnlySet<CameraId>? knownCameras = null)
    {
        var problems = new List<ValidationProblem>();
        if (sensor is null)
        {
            problems.Add(new("", "The sensor configuration is missing."));
            return problems;
        }

        if (string.IsNullOrWhiteSpace(sensor.SensorId.Value))
        {
            problems.Add(new("sensorId", "Required."));
        }

        if (sensor.CameraId is { } camera)
        {
            CheckCamera(problems, "cameraId", camera, knownCameras);
        }

        var frame = Frame(problems, sensor);
        var zoneIds = new HashSet<string>(StringComparer.Ordinal);
        var zones = sensor.Zones ?? [];
        for (var i = 0; i < zones.Count; i++)
        {
            CheckZone(problems, $"zones[{i}]", zones[i], zoneIds, frame);
        }

        var lineIds = new HashSet<string>(StringComparer.Ordinal);
        var lines = sensor.Lines ?? [];
        for (var i = 0; i < lines.Count; i++)
        {
            CheckLine(problems, $"lines[{i}]", lines[i], lineIds, frame);
            if (lines[i] is { Id: { Length: > 0 } lineId } && zoneIds.Contains(lineId))
            {
                // Counts of zones and lines are kept and queried by one id (traffic?zone=<id>).
                problems.Add(new($"lines[{i}].id", $"'{lineId}' is already a zone's id; a line needs an id of its own."));
            }
        }

        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        var rules = sensor.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"rules[{i}]";
            if (rules[i] is { Id.Value: { Length: > 0 } id } && !ruleIds.Add(id))
            {
                problems.Add(new($"{path}.id", $"Rule id '{id}' is used twice."));
            }

            CheckRule(problems, path + ".", rules[i], sensor, knownCameras);
        }

        return problems;
    }

    public static IReadOnlyList<ValidationProblem> ValidateCamera(CameraConfig camera)
    {
        var problems = new List<ValidationProblem>();
        if (camera is null)
        {
            problems.Add(new("", "The camera configuration is missing."));
            return problems;
        }

        if (string.IsNullOrWhiteSpace(camera.CameraId.Value))
        {
            problems.Add(new("cameraId", "Required."));
        }

        if (string.IsNullOrWhiteSpace(camera.Name))
        {
            problems.Add(new("name", "Required."));
        }

        if (camera.SiteId is { } site && string.IsNullOrWhiteSpace(site.Value))
        {
            problems.Add(new("siteId", "Must not be empty; leave it out instead."));
        }

        if (camera.DeviceSensorId is { } device && device.Trim().Length == 0)
        {
            problems.Add(new("deviceSensorId", "Must not be blank; leave it out to use the camera id."));
        }

        return problems;
    }

    private static void CheckRule(List<ValidationProblem> problems, string prefix, Rule rule, SensorConfig? sensor, IReadOnlySet<CameraId>? knownCameras)
    {
        if (rule is null)
        {
            problems.Add(new(prefix.TrimEnd('.'), "The rule is missing."));
            return;
        }

        if (string.IsNullOrWhiteSpace(rule.Id.Value))
        {
            problems.Add(new(prefix + "id", "Required."));
        }

        CheckName(problems, prefix + "name", rule.Name);

        if (rule.SensorIds is null || rule.SensorIds.Count == 0)
        {
            problems.Add(new(prefix + "sensorIds", "At least one sensor is required."));
        }
        else
        {
            for (var i = 0; i < rule.SensorIds.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(rule.SensorIds[i].Value))
                {
                    problems.Add(new($"{prefix}sensorIds[{i}]", "Must not be empty."));
                }
            }

            if (sensor is not null && !string.IsNullOrEmpty(sensor.SensorId.Value) && !rule.SensorIds.Contains(sensor.SensorId))
            {
                problems.Add(new(prefix + "sensorIds", $"Does not include sensor '{sensor.SensorId}', whose configuration holds the rule."));
            }
        }

        CheckCondition(problems, prefix + "condition", rule.Condition, sensor);

        if (rule.Schedule is { } schedule)
        {
            CheckSchedule(problems, prefix + "schedule", schedule);
        }

        if (rule.Cooldown < TimeSpan.Zero)
        {
            problems.Add(new(prefix + "cooldown", "Must not be negative."));
        }
        else if (rule.Cooldown > MaxDuration)
        {
            problems.Add(new(prefix + "cooldown", $"Must be at most {Describe(MaxDuration)}."));
        }

        if (rule.MinConfidence is { } confidence && !(confidence >= 0 && confidence <= 1))
        {
            problems.Add(new(prefix + "minConfidence", "Must be between 0 and 1."));
        }

        if (rule.Actions is null || rule.Actions.Count == 0)
        {
            problems.Add(new(prefix + "actions", "At least one action is required."));
            return;
        }

        for (var i = 0; i < rule.Actions.Count; i++)
        {
            CheckAction(problems, $"{prefix}actions[{i}]", rule.Actions[i], sensor, knownCameras);
        }
    }

    private static void CheckCondition(List<ValidationProblem> problems, string path, RuleCondition? condition, SensorConfig? sensor)
    {
        switch (condition)
        {
            case null:
                problems.Add(new(path, "Required."));
                break;
            case ObjectInZoneCondition zone:
                CheckZoneReference(problems, path + ".zoneId", zone.ZoneId, sensor);
                CheckClasses(problems, path + ".classes", zone.Classes);
                CheckDefined(problems, path + ".trigger", zone.Trigger);
                break;
            case LineCrossingCondition line:
                CheckLineReference(problems, path + ".lineId", line.LineId, sensor);
                CheckClasses(problems, path + ".classes", line.Classes);
                CheckDefined(problems, path + ".direction", line.Direction);
                break;
            case CountInZoneCondition count:
                CheckZoneReference(problems, path + ".zoneId", count.ZoneId, sensor);
                CheckClasses(problems, path + ".classes", count.Classes);
                if (count.Threshold < 1)
                {
                    problems.Add(new(path + ".threshold", "Must be at least 1."));
                }

                CheckPositiveDuration(problems, path + ".window", count.Window, MaxDuration);
                break;
            case OccupancyAtLeastCondition occupancy:
                CheckZoneReference(problems, path + ".zoneId", occupancy.ZoneId, sensor);
                CheckClasses(problems, path + ".classes", occupancy.Classes);
                if (occupancy.Minimum is < 1 or > MaxOccupancy)
                {
                    problems.Add(new(path + ".minimum", $"Must be 1 to {MaxOccupancy}: how many objects at once."));
                }

                if (occupancy.MinimumDuration < TimeSpan.Zero || occupancy.MinimumDuration > MaxDuration)
                {
                    problems.Add(new(path + ".minimumDuration", $"Must be 0 or more and at most {Describe(MaxDuration)}."));
                }

                break;
            case DwellCondition dwell:
                CheckZoneReference(problems, path + ".zoneId", dwell.ZoneId, sensor);
                CheckClasses(problems, path + ".classes", dwell.Classes);
                CheckPositiveDuration(problems, path + ".minimumDwell", dwell.MinimumDwell, MaxDuration);
                break;
            case AnalyticsEventCondition analytics:
                CheckAnalyticsEvent(problems, path, analytics);
                break;
            case EventTypeCondition events:
                if (events.EventTypes is null || events.EventTypes.Count == 0)
                {
                    problems.Add(new(path + ".eventTypes", $"At least one event type is required: {string.Join(", ", DeepStreamEventTypes.All)}."));
                    break;
                }

                for (var i = 0; i < events.EventTypes.Count; i++)
                {
                    if (!DeepStreamEventTypes.All.Contains(events.EventTypes[i], StringComparer.OrdinalIgnoreCase))
                    {
                        problems.Add(new($"{path}.eventTypes[{i}]", $"Unknown event type '{events.EventTypes[i]}'; one of {string.Join(", ", DeepStreamEventTypes.All)}."));
                    }
                }

                break;
            default:
                problems.Add(new(path, $"Unsupported condition {condition.GetType().Name}."));
                break;
        }
    }

    private static void CheckSchedule(List<ValidationProblem> problems, string path, RuleSchedule schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule.TimeZone))
        {
            problems.Add(new(path + ".timeZone", "Required: an IANA time zone such as Europe/Berlin."));
        }
        else if (!ScheduleEvaluator.TryFindTimeZone(schedule.TimeZone, out _))
        {
            problems.Add(new(path + ".timeZone", $"Unknown time zone '{schedule.TimeZone}'; use an IANA name such as Europe/Berlin."));
        }

        if (schedule.Windows is null || schedule.Windows.Count == 0)
        {
            problems.Add(new(path + ".windows", "At least one window is required; leave the schedule out for a rule that is always active."));
            return;
        }

        for (var i = 0; i < schedule.Windows.Count; i++)
        {
            var windowPath = $"{path}.windows[{i}]";
            var window = schedule.Windows[i];
            if (window is null)
            {
                problems.Add(new(windowPath, "The window is missing."));
                continue;
            }

            if (window.Start == window.End)
            {
                problems.Add(new(windowPath + ".end", "Equals start, which is ambiguous (empty or a whole day); for a whole day leave out the schedule or use 00:00–12:00 and 12:00–00:00."));
            }

            var days = window.Days ?? [];
            for (var d = 0; d < days.Count; d++)
            {
                if (!Enum.IsDefined(days[d]))
                {
                    problems.Add(new($"{windowPath}.days[{d}]", "Not a day of the week."));
                }
            }
        }
    }

    private static void CheckAction(List<ValidationProblem> problems, string path, RuleAction? action, SensorConfig? sensor, IReadOnlySet<CameraId>? knownCameras)
    {
        switch (action)
        {
            case null:
                problems.Add(new(path, "The action is missing."));
                break;
            case RecordAction record:
                if (record.CameraId is { } camera)
                {
                    CheckCamera(problems, path + ".cameraId", camera, knownCameras);
                }
                else if (sensor is not null && sensor.CameraId is null)
                {
                    problems.Add(new(path + ".cameraId", $"Required: sensor '{sensor.SensorId}' has no linked camera."));
                }

                CheckRoll(problems, path + ".preRoll", record.PreRoll);
                CheckRoll(problems, path + ".postRoll", record.PostRoll);
                if (record.MaxSession <= TimeSpan.Zero || record.MaxSession > MaxSessionLength)
                {
                    problems.Add(new(path + ".maxSession", $"Must be more than 0 and at most {Describe(MaxSessionLength)}."));
                }
                else if (record.PreRoll >= TimeSpan.Zero && record.PostRoll >= TimeSpan.Zero && record.MaxSession < record.PreRoll + record.PostRoll)
                {
                    problems.Add(new(path + ".maxSession", "Must be at least preRoll + postRoll, or no clip fits."));
                }

                if (record.Container is not (RecordAction.Mp4 or RecordAction.Mkv))
                {
                    problems.Add(new(path + ".container", "Must be mp4 or mkv."));
                }

                break;
            case AlertAction alert:
                CheckDefined(problems, path + ".severity", alert.Severity);
                if (string.IsNullOrWhiteSpace(alert.MessageTemplate))
                {
                    problems.Add(new(path + ".messageTemplate", "Required."));
                    break;
                }

                foreach (var name in AlertTemplate.Placeholders(alert.MessageTemplate).Distinct(StringComparer.Ordinal))
                {
                    if (!AlertPlaceholders.All.Contains(name, StringComparer.Ordinal))
                    {
                        problems.Add(new(path + ".messageTemplate", $"Unknown placeholder '{{{name}}}'; known: {string.Join(", ", AlertPlaceholders.All.Select(p => "{" + p + "}"))}."));
                    }
                }

                break;
            default:
                problems.Add(new(path, $"Unsupported action {action.GetType().Name}."));
                break;
        }
    }

    /// <summary>The sensor's frame when it has a valid one: zones and lines must lie in it.</summary>
    private static (int Width, int Height)? Frame(List<ValidationProblem> problems, SensorConfig sensor)
    {
        if (sensor.FrameWidth is not { } width || sensor.FrameHeight is not { } height)
        {
            return null;
        }

        var valid = true;
        foreach (var (field, value) in new[] { ("frameWidth", width), ("frameHeight", height) })
        {
            if (value is < 1 or > MaxFrameSide)
            {
                problems.Add(new(field, $"Must be 1 to {MaxFrameSide} pixels: the frame the sensor's coordinates are in (DeepStream's streammux width and height)."));
                valid = false;
            }
        }

        return valid ? (width, height) : null;
    }

    private static void CheckZone(List<ValidationProblem> problems, string path, Zone? zone, HashSet<string> ids, (int Width, int Height)? frame)
    {
        if (zone is null)
        {
            problems.Add(new(path, "The zone is missing."));
            return;
        }

        CheckId(problems, path + ".id", zone.Id, ids, "Zone");
        CheckName(problems, path + ".name", zone.Name);

        var polygon = zone.Polygon ?? [];
        if (polygon.Count < 3)
        {
            problems.Add(new(path + ".polygon", $"Needs at least 3 points; it has {polygon.Count}."));
            return;
        }

        var points = polygon.ToArray();
        if (!CheckPoints(problems, path + ".polygon", points, frame))
        {
            return;
        }

        for (var i = 0; i < points.Length; i++)
        {
            if (points[i] == points[(i + 1) % points.Length])
            {
                problems.Add(new($"{path}.polygon[{(i + 1) % points.Length}]", $"Repeats point {i}."));
                return;
            }
        }

        if (PlanarGeometry.FindSelfIntersection(points) is { } edges)
        {
            problems.Add(new(path + ".polygon", $"Intersects itself: edge {edges.First} (from point {edges.First}) meets edge {edges.Second} (from point {edges.Second})."));
        }
        else if (PlanarGeometry.DoubleArea(points) == 0)
        {
            problems.Add(new(path + ".polygon", "Has no area: all points are on one line."));
        }
    }

    private static void CheckLine(List<ValidationProblem> problems, string path, Line? line, HashSet<string> ids, (int Width, int Height)? frame)
    {
        if (line is null)
        {
            problems.Add(new(path, "The line is missing."));
            return;
        }

        CheckId(problems, path + ".id", line.Id, ids, "Line");
        CheckName(problems, path + ".name", line.Name);
        if (CheckPoints(problems, path, [line.A, line.B], frame) && line.A == line.B)
        {
            problems.Add(new(path + ".b", "Equals a: a line needs two different points."));
        }
    }

    private static bool CheckPoints(List<ValidationProblem> problems, string path, PixelPoint[] points, (int Width, int Height)? frame)
    {
        var valid = true;
        for (var i = 0; i < points.Length; i++)
        {
            var p = points[i];
            var at = points.Length == 2 ? $"{path}.{(i == 0 ? "a" : "b")}" : $"{path}[{i}]";
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || p.X < 0 || p.Y < 0)
            {
                problems.Add(new(at, "Pixel coordinates must be finite and not negative."));
                valid = false;
            }
            else if (frame is { } f && (p.X > f.Width || p.Y > f.Height))
            {
                // An object's position can never be there: a rule on such a zone or line would never fire.
                problems.Add(new(at, string.Create(CultureInfo.InvariantCulture,
                    $"({p.X}, {p.Y}) is outside the sensor's {f.Width}×{f.Height} frame (frameWidth × frameHeight): x must be 0 to {f.Width}, y 0 to {f.Height}.")));
                valid = false;
            }
        }

        return valid;
    }

    private static void CheckId(List<ValidationProblem> problems, string path, string? id, HashSet<string> ids, string what)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new(path, "Required."));
        }
        else if (!ids.Add(id))
        {
            problems.Add(new(path, $"{what} id '{id}' is used twice."));
        }
    }

    private static void CheckName(List<ValidationProblem> problems, string path, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new(path, "Required."));
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Add(new(path, $"Must be at most {MaxNameLength} characters."));
        }
    }

    private static void CheckZoneReference(List<ValidationProblem> problems, string path, string? zoneId, SensorConfig? sensor)
    {
        if (string.IsNullOrWhiteSpace(zoneId))
        {
            problems.Add(new(path, "Required."));
        }
        else if (sensor is not null && !(sensor.Zones ?? []).Any(z => z is not null && z.Id == zoneId))
        {
            problems.Add(new(path, $"Unknown zone '{zoneId}' on sensor '{sensor.SensorId}'."));
        }
    }

    private static void CheckLineReference(List<ValidationProblem> problems, string path, string? lineId, SensorConfig? sensor)
    {
        if (string.IsNullOrWhiteSpace(lineId))
        {
            problems.Add(new(path, "Required."));
        }
        else if (sensor is not null && !(sensor.Lines ?? []).Any(l => l is not null && l.Id == lineId))
        {
            problems.Add(new(path, $"Unknown line '{lineId}' on sensor '{sensor.SensorId}'."));
        }
    }

    private static void CheckCamera(List<ValidationProblem> problems, string path, CameraId camera, IReadOnlySet<CameraId>? knownCameras)
    {
        if (string.IsNullOrWhiteSpace(camera.Value))
        {
            problems.Add(new(path, "Must not be empty."));
        }
        else if (knownCameras is not null && !knownCameras.Contains(camera))
        {
            problems.Add(new(path, $"Unknown camera '{camera}'."));
        }
    }

    private static void CheckAnalyticsEvent(List<ValidationProblem> problems, string path, AnalyticsEventCondition condition)
    {
        var kind = (condition.Kind ?? "").ToLowerInvariant();
        var directions = AnalyticsEventCondition.DirectionsOf(kind);
        if (directions.Count == 0)
        {
            problems.Add(new(path + ".kind", $"Must be '{AnalyticsEventCondition.Tripwire}' or '{AnalyticsEventCondition.Roi}' (the event.info class VSS sends), not '{condition.Kind}'."));
        }

        var ids = condition.EventIds ?? [];
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ids[i]))
            {
                problems.Add(new($"{path}.eventIds[{i}]", "Must not be empty; leave the list empty to match any tripwire or region."));
            }
        }

        var given = condition.Directions ?? [];
        for (var i = 0; i < given.Count && directions.Count > 0; i++)
        {
            if (!directions.Contains(given[i], StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(new($"{path}.directions[{i}]", $"A {kind} event is {string.Join(" or ", directions)}, not '{given[i]}'."));
            }
        }

        CheckClasses(problems, path + ".classes", condition.Classes);
    }

    private static void CheckClasses(List<ValidationProblem> problems, string path, IReadOnlyList<string>? classes)
    {
        // Classes are free text (detectors name their own), but an empty one can never match and is a typo.
        var list = classes ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(list[i]))
            {
                problems.Add(new($"{path}[{i}]", "Must not be empty; leave the list empty to match any class."));
            }
        }
    }

    private static void CheckRoll(List<ValidationProblem> problems, string path, TimeSpan value)
    {
        if (value < TimeSpan.Zero || value > MaxRoll)
        {
            problems.Add(new(path, $"Must be between 0 and {Describe(MaxRoll)}."));
        }
    }

    private static void CheckPositiveDuration(List<ValidationProblem> problems, string path, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            problems.Add(new(path, $"Must be more than 0 and at most {Describe(max)}."));
        }
    }

    private static void CheckDefined<TEnum>(List<ValidationProblem> problems, string path, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add(new(path, $"Unknown value {value}."));
        }
    }

    private static string Describe(TimeSpan value) =>
        value.TotalHours >= 1 && value.TotalHours % 1 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:0} h")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0} min");
}
