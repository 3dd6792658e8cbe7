using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;

namespace Platform.UnitTests.Grains;

/// <summary>Builders for grain tests: a sensor with a "dock" zone and a "gate" line, objects placed by their bottom-centre.</summary>
internal static class GrainTestData
{
    /// <summary>A Friday, 10:00 UTC.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public static readonly SensorId Sensor = SensorId.From("sensor-1");

    public static readonly CameraId Camera = CameraId.From("cam-1");

    /// <summary>The square (100,100)–(300,300), named "Loading dock".</summary>
    public static Zone Dock { get; } = Rectangle("dock", "Loading dock", 100, 100, 300, 300);

    /// <summary>A horizontal line at y = 500 from x = 0 (A) to x = 400 (B): a-to-b is moving down the picture.</summary>
    public static Line Gate { get; } = new() { Id = "gate", Name = "Gate", A = new(0, 500), B = new(400, 500) };

    public static Zone Rectangle(string id, string name, double left, double top, double right, double bottom) => new()
    {
        Id = id,
        Name = name,
        Polygon = [new(left, top), new(right, top), new(right, bottom), new(left, bottom)],
    };

    public static SensorConfig SensorWith(params Rule[] rules) => new()
    {
        SensorId = Sensor,
        CameraId = Camera,
        Zones = [Dock],
        Lines = [Gate],
        Rules = rules,
    };

    public static Rule RuleWith(RuleCondition condition, params RuleAction[] actions) => new()
    {
        Id = RuleId.From("rule-1"),
        Name = "Dock watch",
        SensorIds = [Sensor],
        Condition = condition,
        Actions = actions.Length > 0 ? actions : [new AlertAction { Severity = AlertSeverity.Warning, MessageTemplate = "{class} in {zone}" }],
    };

    /// <summary>An object whose bounding box's bottom-centre is (x, y).</summary>
    public static DetectedObject At(string trackingId, double x, double y, string label = "Person", double? confidence = null) => new()
    {
        TrackingId = trackingId,
        Label = label,
        Left = x - 10,
        Right = x + 10,
        Top = y - 40,
        Bottom = y,
        Confidence = confidence,
    };

    public static IEnumerable<T> Of<T>(this IEnumerable<GrainEffect> effects)
        where T : GrainEffect => effects.OfType<T>();
}
