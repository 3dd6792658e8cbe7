using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// A user rule, as the gateway stores it and the sensor grains evaluate it. Every property has a harmless
/// default instead of being `required`, so that a half-filled rule still deserializes and the rule validator
/// can report every missing field at once.
/// </summary>
public sealed record Rule
{
    public RuleId Id { get; init; }

    public string Name { get; init; } = "";

    // `set`, not `init`: System.Text.Json's source generator resets init-only properties that are missing from the
    // JSON to default(T), losing this initializer (dotnet/runtime#84484).
    public bool Enabled { get; set; } = true;

    /// <summary>The sensors whose detections the rule watches.</summary>
    public IReadOnlyList<SensorId> SensorIds { get; init; } = [];

    public RuleCondition? Condition { get; init; }

    /// <summary>Null: always active.</summary>
    public RuleSchedule? Schedule { get; init; }

    /// <summary>After firing, the rule stays quiet for this long (event time).</summary>
    public TimeSpan Cooldown { get; init; }

    /// <summary>Objects below this detector confidence never trigger the rule; objects without a confidence always may.</summary>
    public double? MinConfidence { get; init; }

    public IReadOnlyList<RuleAction> Actions { get; init; } = [];
}
