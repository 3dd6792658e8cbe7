using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Continuous;

/// <summary>A continuous-recording segment waiting in the segment spool: its file there and its wall-clock times.</summary>
internal sealed record SpooledSegment(CameraId CameraId, DateTimeOffset Start, DateTimeOffset End, string Path, long Bytes);
