namespace Platform.Gateway.Ui;

/// <summary>
/// The Content-Security-Policy of the web UI: its own scripts and styles only (no inline code, so an injected
/// string can never run), API calls to its own origin only. Images and video may also come from the object
/// store, because clip thumbnails and downloads answer with a redirect to a presigned URL there; video also from
/// blob: URLs, the MediaSource through which the live player (hls.js) feeds the video element.
/// </summary>
public static class ContentSecurityPolicy
{
    public static string For(string objectStoreUrl)
    {
        var store = Uri.TryCreate(objectStoreUrl, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + $"img-src 'self' data:{store}; media-src 'self' blob:{store}; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
