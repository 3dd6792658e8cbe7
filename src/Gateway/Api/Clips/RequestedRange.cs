using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Api.Clips;

/// <summary>What part of an object of a known length a request asks for: all of it, one range, or nothing it could have.</summary>
public readonly record struct RequestedRange(RequestedRangeKind Kind, long From, long To)
{
    public long Length => To - From + 1;

    /// <summary>
    /// Resolves a Range header (RFC 9110 §14) against <paramref name="length"/>. Only a single byte range is served
    /// partially; a missing, malformed or multi-range header gets the whole object, which the RFC allows (video
    /// players ask for one range at a time). A stale <paramref name="ifRange"/> also means the whole object.
    /// </summary>
    public static RequestedRange Resolve(string? range, string? ifRange, string? etag, long length)
    {
        var whole = new RequestedRange(RequestedRangeKind.Whole, 0, length - 1);
        if (string.IsNullOrEmpty(range)
            || !RangeHeaderValue.TryParse(range, out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase)
            || parsed.Ranges.Count != 1
            || (!string.IsNullOrEmpty(ifRange) && !string.Equals(ifRange, etag, StringComparison.Ordinal)))
        {
            return whole;
        }

        var item = parsed.Ranges.Single();
        long from, to;
        if (item.From is { } start)
        {
            from = start;
            to = Math.Min(item.To ?? long.MaxValue, length - 1);
        }
        else
        {
            // "bytes=-N": the last N bytes.
            var suffix = item.To ?? 0;
            from = Math.Max(0, length - suffix);
            to = length - 1;
            if (suffix == 0)
            {
                return new(RequestedRangeKind.Unsatisfiable, 0, -1);
            }
        }

        return from >= length || from > to ? new(RequestedRangeKind.Unsatisfiable, 0, -1) : new(RequestedRangeKind.Partial, from, to);
    }
}

public enum RequestedRangeKind
{
    Whole,
    Partial,
    Unsatisfiable,
}
