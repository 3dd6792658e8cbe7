namespace Platform.EdgeAgent.Continuous;

/// <summary>
/// Which segments leave a full segment spool: the oldest first (by start, then camera for a stable order) until
/// both bounds hold. Pure. The oldest go because the newest are what a viewer of a live incident wants, and because
/// an outage long enough to fill the spool has already made a gap that the oldest segments only widen.
/// </summary>
internal static class SegmentEviction
{
    public static IReadOnlyList<SpooledSegment> Select(IEnumerable<SpooledSegment> segments, int maxCount, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var ordered = segments.OrderBy(s => s.Start).ThenBy(s => s.CameraId.Value, StringComparer.Ordinal).ToList();
        var count = ordered.Count;
        var bytes = ordered.Sum(s => s.Bytes);
        var evicted = new List<SpooledSegment>();
        foreach (var segment in ordered)
        {
            if (count <= maxCount && bytes <= maxBytes)
            {
                break;
            }

            evicted.Add(segment);
            count--;
            bytes -= segment.Bytes;
        }

        return evicted;
    }
}
