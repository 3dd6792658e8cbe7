using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Ids;

/// <summary>A camera: the key of a camera grain and of the edge recorder's cache for it.</summary>
[JsonConverter(typeof(StringIdJsonConverter<CameraId>))]
[GenerateSerializer]
[Immutable]
public readonly record struct CameraId(string Value) : IStringId<CameraId>
{
    public static CameraId From(string value) => new(value);

    public override string ToString() => Value;
}
