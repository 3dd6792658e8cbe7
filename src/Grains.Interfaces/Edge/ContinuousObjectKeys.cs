using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// Where continuous-recording segments lie in the object store, for the agent that writes them and the gateway
/// that joins and deletes them: continuous/{cameraId}/{yyyy}/{MM}/{dd}/{HH}/{startUnixMs}-{endUnixMs}.mkv (UTC hour
/// of the start). The key is a pure function of camera and times, so a re-upload after a crash writes the same
/// object, and an hour's segments list under one prefix.
/// </summary>
public static partial class ContinuousObjectKeys
{
    public const string Extension = ".mkv";

    public const string ContentType = "video/x-matroska";

    public static string Key(CameraId cameraId, DateTimeOffset start, DateTimeOffset end)
    {
        var utc = start.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture,
            $"continuous/{cameraId.Value}/{utc:yyyy}/{utc:MM}/{utc:dd}/{utc:HH}/{start.ToUnixTimeMilliseconds()}-{end.ToUnixTimeMilliseconds()}{Extension}");
    }

    /// <summary>Reads camera and times back from a key this class made; false for anything else.</summary>
    public static bool TryParse(string key, out CameraId cameraId, out DateTimeOffset start, out DateTimeOffset end)
    {
        cameraId = default;
        start = end = default;
        var match = KeyPattern().Match(key ?? "");
        if (!match.Success ||
            !long.TryParse(match.Groups["start"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var startMs) ||
            !long.TryParse(match.Groups["end"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var endMs) ||
            endMs < startMs || startMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() || endMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        if (match.Groups["camera"].Value is "." or "..")
        {
            return false;
        }

        cameraId = CameraId.From(match.Groups["camera"].Value);
        start = DateTimeOffset.FromUnixTimeMilliseconds(startMs);
        end = DateTimeOffset.FromUnixTimeMilliseconds(endMs);
        // The date folders are derived from the start: a key whose folders disagree was not made here.
        return Key(cameraId, start, end) == key;
    }

    [GeneratedRegex("^continuous/(?<camera>[A-Za-z0-9._-]{1,128})/[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{2}/(?<start>[0-9]{1,15})-(?<end>[0-9]{1,15})\\.mkv$")]
    private static partial Regex KeyPattern();
}
