namespace Platform.Gateway.Api.Continuous;

/// <summary>
/// Joins segments into spans: the next segment continues a span when it starts at most <c>maxGap</c> after the
/// span's end (the recorder's segment times come from the wall clock at arrival, so neighbours touch give or take a
/// frame; a recorder restart leaves a gap of seconds). Overlaps (a repeated upload) are absorbed. Pure.
/// </summary>
public static class SpanMerger
{
    public static IReadOnlyList<ContinuousSpan> Merge(IEnumerable<CatalogSegment> segments, TimeSpan maxGap)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var spans = new List<ContinuousSpan>();
        ContinuousSpan? open = null;
        foreach (var segment in segments.OrderBy(s => s.Start))
        {
            if (open is not null && segment.Start - open.End <= maxGap)
            {
                open = open with
                {
                    End = segment.End > open.End ? segment.End : open.End,
                    Segments = open.Segments + 1,
                    Bytes = open.Bytes + segment.Bytes,
                };
                continue;
            }

            if (open is not null)
            {
                spans.Add(open);
            }

            open = new ContinuousSpan(segment.Start, segment.End, 1, segment.Bytes);
        }

        if (open is not null)
        {
            spans.Add(open);
        }

        return spans;
    }
}
