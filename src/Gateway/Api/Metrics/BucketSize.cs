using System.Globalization;

namespace Platform.Gateway.Api.Metrics;

/// <summary>A traffic bucket: "1m", "5m", "15m", "1h", "1d" and the like (a count and a unit; minutes are the finest the counts keep).</summary>
public static class BucketSize
{
    public static bool TryParse(string? text, out TimeSpan size)
    {
        size = default;
        if (string.IsNullOrEmpty(text) || text.Length < 2
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return false;
        }

        size = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => default,
        };
        return size > TimeSpan.Zero && size <= TimeSpan.FromDays(31);
    }
}
