namespace Platform.Grains.Interfaces.Rules;

/// <summary>The placeholders an alert's message template may use; the validator rejects any other.</summary>
public static class AlertPlaceholders
{
    /// <summary>The rule's name.</summary>
    public const string Rule = "rule";

    /// <summary>The sensor id.</summary>
    public const string Sensor = "sensor";

    /// <summary>The sensor's camera id; for a sensor without one, the first recorded camera's; or empty.</summary>
    public const string Camera = "camera";

    /// <summary>The zone's name (its id when it has none), or empty.</summary>
    public const string Zone = "zone";

    /// <summary>The line's name (its id when it has none), or empty.</summary>
    public const string Line = "line";

    /// <summary>The class of the (first) triggering object.</summary>
    public const string Class = "class";

    /// <summary>How many objects triggered the rule; for count-in-zone, the entries within the window.</summary>
    public const string Count = "count";

    /// <summary>The triggering objects' tracking ids, comma-separated.</summary>
    public const string ObjectId = "objectId";

    /// <summary>The event time, UTC ISO-8601.</summary>
    public const string Time = "time";

    /// <summary>For an analytics-event rule, what the other analytics reported: "tripwire door-1 IN"; else empty.</summary>
    public const string Event = "event";

    public static IReadOnlyList<string> All { get; } = [Rule, Sensor, Camera, Zone, Line, Class, Count, ObjectId, Time, Event];
}
