using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Interfaces.Json;

/// <summary>Source-generated JSON for the messages that cross between the cloud and the edge.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // DeepStream and hand-written commands are not ours to shape: unknown fields are ignored, numbers stay numbers.
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    MaxDepth = 16)]
[JsonSerializable(typeof(SmartRecordCommand))]
[JsonSerializable(typeof(LiveViewCommand))]
[JsonSerializable(typeof(ClipUploaded))]
[JsonSerializable(typeof(ContinuousSegmentUploaded))]
[JsonSerializable(typeof(EdgeAgentStatus))]
[JsonSerializable(typeof(EdgeAgentConfig))]
[JsonSerializable(typeof(IReadOnlyList<EdgeCameraStatus>))]
public sealed partial class EdgeJsonContext : JsonSerializerContext;
