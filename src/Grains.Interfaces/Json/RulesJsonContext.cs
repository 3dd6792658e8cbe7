using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Grains.Interfaces.Json;

/// <summary>Source-generated JSON for the configuration the gateway stores and the grains load: rules, sensors, cameras.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // Rules are written by people and UIs: the "type" discriminator need not come first.
    AllowOutOfOrderMetadataProperties = true,
    Converters = [typeof(DayOfWeekJsonConverter)])]
[JsonSerializable(typeof(Rule))]
[JsonSerializable(typeof(IReadOnlyList<Rule>))]
[JsonSerializable(typeof(SensorConfig))]
[JsonSerializable(typeof(CameraConfig))]
[JsonSerializable(typeof(IReadOnlyList<Zone>))]
[JsonSerializable(typeof(IReadOnlyList<Line>))]
public sealed partial class RulesJsonContext : JsonSerializerContext;
