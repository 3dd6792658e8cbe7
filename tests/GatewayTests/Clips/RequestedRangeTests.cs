using Platform.Gateway.Api.Clips;

namespace Platform.GatewayTests.Clips;

public sealed class RequestedRangeTests
{
    [Theory]
    [InlineData("bytes=100-199", 1000, RequestedRangeKind.Partial, 100, 199)]
    [InlineData("bytes=900-", 1000, RequestedRangeKind.Partial, 900, 999)]
    [InlineData("bytes=990-5000", 1000, RequestedRangeKind.Partial, 990, 999)]
    [InlineData("bytes=-10", 1000, RequestedRangeKind.Partial, 990, 999)]
    [InlineData("bytes=-5000", 1000, RequestedRangeKind.Partial, 0, 999)]
    [InlineData("bytes=1000-", 1000, RequestedRangeKind.Unsatisfiable, 0, -1)]
    [InlineData("bytes=-0", 1000, RequestedRangeKind.Unsatisfiable, 0, -1)]
    [InlineData(null, 1000, RequestedRangeKind.Whole, 0, 999)]
    [InlineData("bytes=abc", 1000, RequestedRangeKind.Whole, 0, 999)]
    [InlineData("items=0-5", 1000, RequestedRangeKind.Whole, 0, 999)]
    [InlineData("bytes=0-1,5-6", 1000, RequestedRangeKind.Whole, 0, 999)]
    public void A_range_header_resolves_against_the_object_length(string? header, long length, RequestedRangeKind kind, long from, long to)
    {
        Assert.Equal(new RequestedRange(kind, from, to), RequestedRange.Resolve(header, null, "\"e1\"", length));
    }

    [Fact]
    public void A_stale_if_range_gets_the_whole_object_and_a_current_one_the_range()
    {
        Assert.Equal(RequestedRangeKind.Whole, RequestedRange.Resolve("bytes=0-9", "\"old\"", "\"e1\"", 100).Kind);
        Assert.Equal(RequestedRangeKind.Partial, RequestedRange.Resolve("bytes=0-9", "\"e1\"", "\"e1\"", 100).Kind);
    }
}
