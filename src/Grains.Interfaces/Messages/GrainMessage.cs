using System.Text.Json.Serialization;
using Orleans;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// What a grain receives, on `platform.events` (from ingress) or `platform.control` (from the gateway and
/// from other grains). The concrete type is named by the "type" field on the wire.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(DetectionReceived), "detection")]
[JsonDerivedType(typeof(ClipReceived), "clip")]
[JsonDerivedType(typeof(CameraHeartbeat), "camera-heartbeat")]
[JsonDerivedType(typeof(RecordRequested), "record")]
[JsonDerivedType(typeof(StopRecordingRequested), "stop-recording")]
[JsonDerivedType(typeof(ConfigChanged), "config-changed")]
[GenerateSerializer]
[Immutable]
public abstract record GrainMessage;
