using System.Text.Json.Serialization;

namespace Platform.Grains.Interfaces.Rules;

/// <summary>What has to happen for a rule to fire. The concrete kind is named by the "type" field.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ObjectInZoneCondition), "object-in-zone")]
[JsonDerivedType(typeof(LineCrossingCondition), "line-crossing")]
[JsonDerivedType(typeof(CountInZoneCondition), "count-in-zone")]
[JsonDerivedType(typeof(DwellCondition), "dwell")]
[JsonDerivedType(typeof(OccupancyAtLeastCondition), "occupancy-at-least")]
[JsonDerivedType(typeof(EventTypeCondition), "event-type")]
[JsonDerivedType(typeof(AnalyticsEventCondition), "analytics-event")]
public abstract record RuleCondition;
