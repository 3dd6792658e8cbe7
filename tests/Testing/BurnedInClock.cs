using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>
/// Reads the capture time the RTSP test camera burns into every frame ("cam1  2026-12-07 16:13:28.912Z", top left)
/// off a picture of it: how old a frame a screen shows is, measured from the camera, not from anything the platform
/// stamped. ffmpeg cuts the picture's top fifth, scales it up and turns the white overlay text black on white, then
/// tesseract reads it as one line of a time's characters (read raw off a compressed video frame, "2026" came back
/// as "2686" and a "2" as "$"). Only the time of day is taken, on the day nearest to when the picture was taken: the
/// date's digits are the ones misread most ("07" as "02" put a reading five days off) and say nothing about a delay
/// of seconds. A picture narrower than the text loses its last digits; seconds remain.
/// </summary>
public static partial class BurnedInClock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The time shown in <paramref name="picture"/> (PNG or JPEG bytes) on the day nearest <paramref name="taken"/>, or null when none could be read.</summary>
    public static async Task<DateTimeOffset?> TryReadAsync(byte[] picture, DateTimeOffset taken, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var input = Path.Combine(Path.GetTempPath(), $"platform-clock-{Guid.NewGuid():N}.png");
        var line = Path.ChangeExtension(input, ".line.png");
        await File.WriteAllBytesAsync(input, picture, ct);
        try
        {
            await MediaProbe.RunAsync("ffmpeg",
                ["-nostdin", "-v", "error", "-i", input, "-vf", "crop=iw:ih*0.2:0:0,scale=iw*2:-1,format=gray,lutyuv=y='if(gt(val,150),0,255)'", "-y", line],
                Timeout, ct);
            var text = await MediaProbe.RunAsync("tesseract", [line, "stdout", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789-:. "],
                Timeout, ct);
            var match = TimeOfDay().Match(text);
            if (!match.Success || !TimeSpan.TryParseExact(match.Value, [@"hh\:mm\:ss", @"hh\:mm\:ss\.FFF"], CultureInfo.InvariantCulture, out var time))
            {
                return null;
            }

            var utc = taken.ToUniversalTime();
            var sameDay = new DateTimeOffset(utc.Date, TimeSpan.Zero) + time;
            return new[] { sameDay.AddDays(-1), sameDay, sameDay.AddDays(1) }.MinBy(candidate => (candidate - utc).Duration());
        }
        finally
        {
            File.Delete(input);
            File.Delete(line);
        }
    }

    /// <summary>The last hh:mm:ss[.f] of the line (the date before it is not read).</summary>
    [GeneratedRegex(@"\d{2}:\d{2}:\d{2}(\.\d{1,3})?(?!.*\d{2}:\d{2}:\d{2})")]
    private static partial Regex TimeOfDay();
}
