using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>
/// Reads the capture time the RTSP test camera burns into every frame ("cam1  2026-12-07 16:13:28.912Z", top left)
/// off a picture of it, with tesseract: how old a frame a screen shows is, measured from the camera, not from
/// anything the platform stamped. A picture narrower than the text loses its last digits; seconds remain.
/// </summary>
public static partial class BurnedInClock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The time shown in <paramref name="picture"/> (PNG or JPEG bytes); throws with what was read when there is none.</summary>
    public static async Task<DateTimeOffset> ReadAsync(byte[] picture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var path = Path.Combine(Path.GetTempPath(), $"platform-clock-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, picture, ct);
        try
        {
            // --psm 6: one block of text, the overlay's lines in order. Only the characters of a time are allowed: free
            // reading took a "2" after the mount name for "$".
            var text = await MediaProbe.RunAsync("tesseract", [path, "stdout", "--psm", "6", "-c", "tessedit_char_whitelist=0123456789-:. "],
                Timeout, ct);
            var match = Stamp().Match(text);
            return match.Success
                ? DateTimeOffset.ParseExact(match.Value, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFF"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
                : throw new InvalidOperationException($"No burned-in time in the picture; tesseract read: {text}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?")]
    private static partial Regex Stamp();
}
