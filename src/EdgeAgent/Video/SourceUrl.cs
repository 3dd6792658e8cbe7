using Platform.EdgeAgent.Configuration;

namespace Platform.EdgeAgent.Video;

/// <summary>
/// The URL ffmpeg opens for a camera: its source with the user name and password put into the userinfo,
/// percent-encoded (a password with ':', '@' or '/' would otherwise end the userinfo early). Credentials are kept
/// apart from <see cref="CameraOptions.Source"/> everywhere else so that only this string carries them.
/// </summary>
internal static class SourceUrl
{
    public static string For(CameraOptions camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        if (string.IsNullOrEmpty(camera.Username) && string.IsNullOrEmpty(camera.Password))
        {
            return camera.Source;
        }

        var scheme = camera.Source.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            // Not a URL (a device or a file): there is no place for credentials.
            return camera.Source;
        }

        var rest = camera.Source[(scheme + 3)..];
        // A source that already names a user keeps its host part only: the configured credentials win.
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (at >= 0 && (slash < 0 || at < slash))
        {
            rest = rest[(at + 1)..];
        }

        var userInfo = Uri.EscapeDataString(camera.Username ?? "");
        if (!string.IsNullOrEmpty(camera.Password))
        {
            userInfo += ":" + Uri.EscapeDataString(camera.Password);
        }

        return $"{camera.Source[..(scheme + 3)]}{userInfo}@{rest}";
    }
}
