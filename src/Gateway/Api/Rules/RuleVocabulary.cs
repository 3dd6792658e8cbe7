using Platform.Grains.Interfaces.Rules;

namespace Platform.Gateway.Api.Rules;

/// <summary>
/// What a rule editor offers as choices, from the lists the gateway and silo check against, so that a client never
/// keeps a copy that drifts: known object classes, DeepStream event types, alert template placeholders, and the
/// directions of each analytics-event kind.
/// </summary>
public sealed record RuleVocabulary(
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> Placeholders,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AnalyticsDirections)
{
    public static RuleVocabulary Of(RuleVocabularyOptions options) => new(
        options.Classes,
        DeepStreamEventTypes.All,
        AlertPlaceholders.All,
        new Dictionary<string, IReadOnlyList<string>>
        {
            [AnalyticsEventCondition.Tripwire] = AnalyticsEventCondition.DirectionsOf(AnalyticsEventCondition.Tripwire),
            [AnalyticsEventCondition.Roi] = AnalyticsEventCondition.DirectionsOf(AnalyticsEventCondition.Roi),
        });
}
