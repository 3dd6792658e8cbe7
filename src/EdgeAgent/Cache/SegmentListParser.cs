using System.Globalization;

namespace Platform.EdgeAgent.Cache;

/// <summary>Reads lines of ffmpeg's CSV segment list ("file,start,end", seconds since the Unix epoch).</summary>
internal static class SegmentListParser
{
    /// <summary>Parses one line; false for anything that is not a complete entry.</summary>
    public static bool TryParse(string line, out string fileName, out DateTimeOffset start, out DateTimeOffset end)
    {
        fileName = "";
        start = end = default;
        // The file name comes first and may itself be quoted with commas inside; the times never contain commas.
        var last = line.LastIndexOf(',');
        var middle = last > 0 ? line.LastIndexOf(',', last - 1) : -1;
        if (middle <= 0 ||
            !double.TryParse(line.AsSpan(middle + 1, last - middle - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var startSeconds) ||
            !double.TryParse(line.AsSpan(last + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var endSeconds) ||
            endSeconds <= startSeconds)
        {
            return false;
        }

        fileName = line[..middle].Trim('"');
        start = FromUnixSeconds(startSeconds);
        end = FromUnixSeconds(endSeconds);
        return fileName.Length > 0;
    }

    public static DateTimeOffset FromUnixSeconds(double seconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
