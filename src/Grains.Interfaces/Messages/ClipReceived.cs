using Orleans;
using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>An `edge.clips` message routed by ingress to the camera grain, which adds it to the clip catalog.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ClipReceived : GrainMessage
{
    [Id(0)]
    public required ClipUploaded Clip { get; init; }
}
