using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Ids;

/// <summary>A Smart Video Record command; deterministic, so that a replay re-sends the same id and the agent dedupes it.</summary>
[JsonConverter(typeof(StringIdJsonConverter<CommandId>))]
[GenerateSerializer]
[Immutable]
public readonly record struct CommandId(string Value) : IStringId<CommandId>
{
    public static CommandId From(string value) => new(value);

    public override string ToString() => Value;
}
