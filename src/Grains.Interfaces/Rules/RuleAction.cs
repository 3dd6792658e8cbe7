using System.Text.Json.Serialization;

namespace Platform.Grains.Interfaces.Rules;

/// <summary>What a rule does when it fires. The concrete kind is named by the "type" field.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RecordAction), "record")]
[JsonDerivedType(typeof(AlertAction), "alert")]
public abstract record RuleAction;
