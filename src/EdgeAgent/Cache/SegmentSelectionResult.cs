namespace Platform.EdgeAgent.Cache;

/// <summary>The segments of a clip and what the clip will cover.</summary>
/// <param name="Segments">Whole segments, oldest first.</param>
/// <param name="ActualStart">Wall-clock time of the clip's first frame (a keyframe).</param>
/// <param name="ActualEnd">Wall-clock end of the clip's last frame.</param>
/// <param name="LastOutpoint">Where to stop reading the last segment (from its start), when the window ends inside it.</param>
/// <param name="StartClipped">The clip starts after the requested start (the video before it is not in the cache).</param>
/// <param name="StartBeforeCache">The requested start is older than the oldest segment of the cache.</param>
/// <param name="EndShort">The cache ends before the requested end (the source stopped).</param>
internal sealed record SegmentSelectionResult(
    IReadOnlyList<Segment> Segments,
    DateTimeOffset ActualStart,
    DateTimeOffset ActualEnd,
    TimeSpan? LastOutpoint,
    bool StartClipped,
    bool StartBeforeCache,
    bool EndShort);
