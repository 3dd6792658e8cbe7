using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.Gateway.Configuration;

namespace Platform.Gateway.Ui;

/// <summary>
/// Serves the web UI from wwwroot (plain HTML, ES modules and CSS: there is no front-end build step). It runs
/// before authentication so that anyone can load the sign-in page; everything the page then fetches lives under
/// /api and stays protected by the cookie that POST /api/session issues.
/// </summary>
public static class WebUi
{
    public static IApplicationBuilder UseWebUi(this IApplicationBuilder app)
    {
        var s3 = app.ApplicationServices.GetRequiredService<IOptions<S3StorageOptions>>().Value;
        var policy = ContentSecurityPolicy.For(s3.ServiceUrl);
        app.UseDefaultFiles();
        return app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // File names carry no content hash (no build step), so a browser must revalidate (ETag → 304) on
                // every load; otherwise an upgrade could leave it running a stale mix of old and new modules.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
    }
}
