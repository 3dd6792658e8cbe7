using Platform.Gateway.Api.Continuous;
using Platform.Gateway.Http;

namespace Platform.UnitTests.Gateway.Continuous;

public sealed class SpanMergerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(1);

    private static CatalogSegment Segment(double start, double end, long bytes = 100) =>
        new(T0.AddSeconds(start), T0.AddSeconds(end), $"k{start}", bytes);

    [Fact]
    public void Touching_segments_and_ones_up_to_the_gap_apart_make_one_span_with_their_count_and_bytes()
    {
        var span = Assert.Single(SpanMerger.Merge([Segment(0, 2), Segment(2.04, 4), Segment(5, 7)], Gap));

        Assert.Equal(new ContinuousSpan(T0, T0.AddSeconds(7), 3, 300), span);
    }

    [Fact]
    public void A_gap_longer_than_the_limit_starts_a_new_span_and_input_order_does_not_matter()
    {
        var spans = SpanMerger.Merge([Segment(10, 12), Segment(0, 2), Segment(2, 4)], Gap);

        Assert.Equal([(T0, T0.AddSeconds(4), 2), (T0.AddSeconds(10), T0.AddSeconds(12), 1)],
            spans.Select(s => (s.Start, s.End, s.Segments)));
    }

    [Fact]
    public void An_overlapping_segment_does_not_shorten_the_span()
    {
        var span = Assert.Single(SpanMerger.Merge([Segment(0, 6), Segment(2, 4)], Gap));

        Assert.Equal(T0.AddSeconds(6), span.End);
    }

    [Fact]
    public void No_segments_no_spans() => Assert.Empty(SpanMerger.Merge([], Gap));

    [Fact]
    public void A_range_defaults_its_missing_ends_when_allowed()
    {
        var errors = new FieldErrors();

        var range = TimeRange.Parse(null, null, end => end.AddHours(-24), T0, TimeSpan.FromDays(7), errors);

        Assert.False(errors.Any);
        Assert.Equal(new TimeRange(T0.AddHours(-24), T0), range);
    }

    [Theory]
    [InlineData(null, "2026-12-07T10:00:00Z", "from")]
    [InlineData("2026-12-07T10:00:00Z", null, "to")]
    [InlineData("yesterday", "2026-12-07T10:00:00Z", "from")]
    [InlineData("2026-12-07T10:00:00Z", "2026-12-07T09:00:00Z", "to")]
    [InlineData("2026-12-07T08:00:00Z", "2026-12-07T10:00:00Z", "to")]
    [InlineData("0001-01-01T00:00:00Z", "2026-12-07T10:00:00Z", "from")]
    [InlineData("2026-12-07T08:00:00Z", "9999-12-31T23:59:59Z", "to")]
    public void A_bad_required_range_names_the_field(string? from, string? to, string field)
    {
        var errors = new FieldErrors();

        Assert.Null(TimeRange.Parse(from, to, null, null, TimeSpan.FromHours(1), errors));
        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_to_at_the_calendars_start_is_refused_instead_of_a_default_from_before_it()
    {
        var errors = new FieldErrors();

        Assert.Null(TimeRange.Parse(null, "0001-01-01T00:00:00Z", end => end.AddHours(-24), T0, TimeSpan.FromDays(7), errors));
        Assert.Equal(["Between the years 2000 and 8999."], errors.ToDictionary()["to"]);
    }
}
