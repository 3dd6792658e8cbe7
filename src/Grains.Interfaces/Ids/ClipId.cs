using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Ids;

/// <summary>A recorded clip: also the object name of its video in S3.</summary>
[JsonConverter(typeof(StringIdJsonConverter<ClipId>))]
[GenerateSerializer]
[Immutable]
public readonly record struct ClipId(string Value) : IStringId<ClipId>
{
    public static ClipId From(string value) => new(value);

    public override string ToString() => Value;
}
