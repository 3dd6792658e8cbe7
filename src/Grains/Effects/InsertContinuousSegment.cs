using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Effects;

/// <summary>A continuous_segments row, keyed by (camera, start): insert, ignore a repeat (a re-sent announcement).</summary>
public sealed record InsertContinuousSegment : GrainEffect
{
    public required CameraId CameraId { get; init; }

    public required ContinuousSegmentUploaded Segment { get; init; }
}
