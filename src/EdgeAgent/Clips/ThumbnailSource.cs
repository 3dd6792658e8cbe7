using Platform.EdgeAgent.Cache;

namespace Platform.EdgeAgent.Clips;

/// <summary>
/// Which cached segment shows a clip's requested start, and where in it: pure. The thumbnail is read from that
/// segment rather than from the joined clip, so it can be made as soon as the start is cached, while the clip
/// still waits for its end. Segments start on a keyframe with their timestamps at zero, so seeking to the moment
/// in the segment finds the same keyframe (the one at or before it) as seeking in the clip.
/// </summary>
internal static class ThumbnailSource
{
    /// <param name="cache">The camera's segments, oldest first.</param>
    /// <param name="moment">The wall-clock moment to show.</param>
    /// <returns>
    /// The first segment reaching the moment and the offset into it (zero when the moment is before it: older than
    /// the cache, or while the camera was off, where the clip also starts with that segment); null while no
    /// segment reaches the moment yet.
    /// </returns>
    public static (Segment Segment, TimeSpan Offset)? Locate(IReadOnlyList<Segment> cache, DateTimeOffset moment)
    {
        ArgumentNullException.ThrowIfNull(cache);
        foreach (var segment in cache)
        {
            if (segment.End >= moment)
            {
                var offset = moment - segment.Start;
                return (segment, offset > TimeSpan.Zero ? offset : TimeSpan.Zero);
            }
        }

        return null;
    }
}
