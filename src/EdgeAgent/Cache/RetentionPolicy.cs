namespace Platform.EdgeAgent.Cache;

/// <summary>
/// Which segments leave the cache: the keep-or-discard decision as a pure function. A segment goes when it
/// ended before the cache window, unless an open recording session still needs it or a cut is reading it; and
/// whatever the sessions want, the oldest go while the cache is over its byte bound (a disk is finite).
/// </summary>
internal static class RetentionPolicy
{
    /// <param name="segments">Oldest first.</param>
    /// <param name="now">The wall clock now.</param>
    /// <param name="window">How far back the cache reaches.</param>
    /// <param name="maxBytes">The cache's byte bound.</param>
    /// <param name="keepFrom">The earliest start of an open recording session of this camera, if any.</param>
    /// <param name="inUse">Segments a cut is reading right now; never deleted.</param>
    public static IReadOnlyList<Segment> Expired(IReadOnlyList<Segment> segments, DateTimeOffset now, TimeSpan window,
        long maxBytes, DateTimeOffset? keepFrom, IReadOnlySet<string> inUse)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(inUse);
        var cutoff = now - window;
        var expired = new List<Segment>();
        var remainingBytes = segments.Sum(s => s.Bytes);
        foreach (var segment in segments)
        {
            if (inUse.Contains(segment.Path))
            {
                continue;
            }

            var old = segment.End < cutoff && (keepFrom is null || segment.End <= keepFrom.Value);
            if (old || remainingBytes > maxBytes)
            {
                expired.Add(segment);
                remainingBytes -= segment.Bytes;
            }
        }

        return expired;
    }
}
