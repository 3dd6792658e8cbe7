using Orleans;
using Platform.Grains.Interfaces.Edge;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>An `edge.segments` message routed by ingress to the camera grain, which adds it to the continuous-recording catalog.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SegmentReceived : GrainMessage
{
    [Id(0)]
    public required ContinuousSegmentUploaded Segment { get; init; }
}
