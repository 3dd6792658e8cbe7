namespace Platform.EdgeAgent.Cache;

/// <summary>
/// Which cached segments make the clip for [start, end]: pure, so the rule is tested without video.
/// The window is rounded outward to whole segments, because stream copy can only start on a keyframe: the clip
/// begins with the segment holding <c>start</c> (its keyframe is at or before start, never after) and takes
/// every segment up to the one holding <c>end</c>. That last one is cut short at <c>end</c> (the concat
/// demuxer's outpoint): a clip may end on any frame, since every frame kept has its references before it.
/// </summary>
internal static class SegmentSelection
{
    /// <summary>Gaps this small between segments (timestamp rounding) do not break the chain.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);

    /// <param name="segments">The camera's cache, oldest first.</param>
    /// <param name="start">The requested start (wall clock).</param>
    /// <param name="end">The requested end (wall clock).</param>
    public static SegmentSelectionResult? Select(IReadOnlyList<Segment> segments, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0 || end <= start)
        {
            return null;
        }

        // The first segment: the last one starting at or before `start`, if `start` falls inside it (or in a
        // rounding gap right after it); otherwise the first one after `start` (the cache does not reach back so
        // far, or the camera was off then), and the clip starts late.
        var first = -1;
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            if (segments[i].Start <= start)
            {
                if (start < segments[i].End + Tolerance)
                {
                    first = i;
                }

                break;
            }
        }

        if (first < 0)
        {
            first = 0;
            while (first < segments.Count && segments[first].End <= start)
            {
                first++;
            }
        }

        var chosen = new List<Segment>();
        for (var i = first; i < segments.Count && segments[i].Start < end; i++)
        {
            chosen.Add(segments[i]);
        }

        if (chosen.Count == 0)
        {
            return null;
        }

        var actualStart = chosen[0].Start;
        var last = chosen[^1];
        TimeSpan? outpoint = last.End > end ? end - last.Start : null;
        return new SegmentSelectionResult(
            chosen,
            actualStart,
            outpoint is null ? last.End : end,
            outpoint,
            StartClipped: actualStart > start,
            StartBeforeCache: first == 0 && actualStart > start,
            EndShort: chosen[^1].End < end);
    }
}
