using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Ids;

/// <summary>One rule firing on `platform.alerts`; deterministic, so that a replay re-sends the same id.</summary>
[JsonConverter(typeof(StringIdJsonConverter<AlertId>))]
public readonly record struct AlertId(string Value) : IStringId<AlertId>
{
    public static AlertId From(string value) => new(value);

    public override string ToString() => Value;
}
