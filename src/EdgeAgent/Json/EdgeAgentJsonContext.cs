using System.Text.Json.Serialization;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Spool;

namespace Platform.EdgeAgent.Json;

/// <summary>Source-generated JSON for the agent's own files: the spool manifests and the session state.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(SpoolManifest))]
[JsonSerializable(typeof(RecordingSessionsState))]
internal sealed partial class EdgeAgentJsonContext : JsonSerializerContext;
