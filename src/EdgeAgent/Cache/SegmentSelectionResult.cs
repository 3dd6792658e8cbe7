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
    bool EndShort)
{
    /// <summary>
    /// Where the joined clip stops when the window ends inside the last segment (null: it takes every segment
    /// whole): the concat demuxer lays the segments end to end, so the whole segments before the last one plus its
    /// outpoint. Gaps between segments in wall-clock time are not in the joined timeline, so they do not count.
    /// </summary>
    public TimeSpan? JoinedLength => LastOutpoint is { } outpoint
        ? Segments.Take(Segments.Count - 1).Aggregate(outpoint, (length, segment) => length + (segment.End - segment.Start))
        : null;
}
