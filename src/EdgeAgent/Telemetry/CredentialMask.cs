using System.Text.RegularExpressions;

namespace Platform.EdgeAgent.Telemetry;

/// <summary>
/// Hides passwords in text the agent logs or reports. ffmpeg repeats the URL it opened, credentials included, in
/// most of its errors ("rtsp://user:pass@host/…: Server returned 401 Unauthorized"); every such line goes through
/// <see cref="Mask"/> before it is stored, logged or sent.
/// </summary>
internal static partial class CredentialMask
{
    public const string Hidden = "***";

    /// <summary>
    /// <paramref name="text"/> with the password of every URL's userinfo replaced by <see cref="Hidden"/>, and any
    /// literal occurrence of <paramref name="secrets"/> (plain or percent-encoded) too, in case a tool prints one
    /// outside a URL.
    /// </summary>
    public static string Mask(string? text, params string?[] secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var masked = UserInfo().Replace(text, m => $"{m.Groups["prefix"].Value}{Hidden}@");
        foreach (var secret in secrets)
        {
            // Very short secrets would mask ordinary words; a URL's userinfo is masked above whatever its length.
            if (secret is { Length: >= 4 })
            {
                masked = masked.Replace(secret, Hidden, StringComparison.Ordinal)
                    .Replace(Uri.EscapeDataString(secret), Hidden, StringComparison.Ordinal);
            }
        }

        return masked;
    }

    // scheme://user:password@ — the password runs to the last '@' before the next white space, so one that holds
    // an unencoded '@' or '/' is hidden whole (a path holding '@' is hidden too: safe side).
    [GeneratedRegex(@"(?<prefix>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)\S*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
