using System.Text.Json.Serialization;
using Platform.Grains.Cameras;
using Platform.Grains.Sensors;

namespace Platform.Grains.Json;

/// <summary>
/// Source-generated JSON for grain state rows. Defaults (nulls, zeros, false) are left out, which keeps an
/// idle sensor's row at a few bytes; reading restores them from the classes' defaults.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(SensorState))]
[JsonSerializable(typeof(CameraState))]
[JsonSerializable(typeof(SensorGrainState))]
[JsonSerializable(typeof(CameraGrainState))]
public sealed partial class GrainStateJsonContext : JsonSerializerContext;
