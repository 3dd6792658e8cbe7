using Platform.Grains.Interfaces.Rules;

namespace Platform.Grains.Rules;

/// <summary>The object classes a condition names: one place that knows which condition types have classes.</summary>
public static class RuleClasses
{
    /// <summary>The condition's classes (empty: any class); null for a condition without classes (event-type).</summary>
    public static IReadOnlyList<string>? Of(RuleCondition? condition) => condition switch
    {
        ObjectInZoneCondition c => c.Classes,
        LineCrossingCondition c => c.Classes,
        CountInZoneCondition c => c.Classes,
        DwellCondition c => c.Classes,
        OccupancyAtLeastCondition c => c.Classes,
        AnalyticsEventCondition c => c.Classes,
        _ => null,
    };
}
