using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Ids;

/// <summary>A user rule.</summary>
[JsonConverter(typeof(StringIdJsonConverter<RuleId>))]
[GenerateSerializer]
[Immutable]
public readonly record struct RuleId(string Value) : IStringId<RuleId>
{
    public static RuleId From(string value) => new(value);

    public override string ToString() => Value;
}
