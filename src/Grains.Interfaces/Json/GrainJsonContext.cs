using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Alerts;
using Platform.Grains.Interfaces.Messages;

namespace Platform.Grains.Interfaces.Json;

/// <summary>Source-generated JSON for the internal grain topics (`platform.events`, `platform.control`, `platform.alerts`).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GrainEnvelope))]
[JsonSerializable(typeof(AlertRaised))]
public sealed partial class GrainJsonContext : JsonSerializerContext;
