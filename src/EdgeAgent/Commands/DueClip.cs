using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Commands;

/// <summary>A session whose end has passed: the clip to cut now.</summary>
internal sealed record DueClip(
    ClipId ClipId,
    CameraId CameraId,
    string SessionKey,
    SessionId? SessionId,
    CommandId? CommandId,
    int Part,
    DateTimeOffset RequestedStart,
    DateTimeOffset RequestedEnd,
    string? TraceParent);
