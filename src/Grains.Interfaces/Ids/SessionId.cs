using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Ids;

/// <summary>A recording session of one camera: one clip, however often its end is extended.</summary>
[JsonConverter(typeof(StringIdJsonConverter<SessionId>))]
[GenerateSerializer]
[Immutable]
public readonly record struct SessionId(string Value) : IStringId<SessionId>
{
    public static SessionId From(string value) => new(value);

    public override string ToString() => Value;
}
