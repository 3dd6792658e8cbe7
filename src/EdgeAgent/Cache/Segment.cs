namespace Platform.EdgeAgent.Cache;

/// <summary>
/// One finished segment of a camera's cache: a file that starts on a keyframe, and the wall-clock times of its
/// first frame and of the end of its last frame (as the recorder's segment list reports them).
/// </summary>
internal sealed record Segment(string Path, DateTimeOffset Start, DateTimeOffset End, long Bytes)
{
    public TimeSpan Duration => End - Start;
}
