using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>An `edge.clips` message routed by ingress to the camera grain, which adds it to the clip catalog.</summary>
public sealed record ClipReceived : GrainMessage
{
    public required ClipUploaded Clip { get; init; }
}
