using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Ids;

/// <summary>A DeepStream sensor (sensor.id): the key of a sensor grain.</summary>
[JsonConverter(typeof(StringIdJsonConverter<SensorId>))]
[GenerateSerializer]
[Immutable]
public readonly record struct SensorId(string Value) : IStringId<SensorId>
{
    public static SensorId From(string value) => new(value);

    public override string ToString() => Value;
}
