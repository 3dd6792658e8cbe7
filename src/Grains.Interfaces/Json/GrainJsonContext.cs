using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Alerts;

namespace Platform.Grains.Interfaces.Json;

/// <summary>Source-generated JSON of the alerts the silo publishes on `platform.alerts` and the gateway reads.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlertRaised))]
public sealed partial class GrainJsonContext : JsonSerializerContext;
