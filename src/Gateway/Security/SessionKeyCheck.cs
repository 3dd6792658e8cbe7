using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Platform.Gateway.Security;

/// <summary>
/// The web UI's cookie stands for the API key it was issued for, so it ends when that key is revoked: the cookie
/// is checked against the key at most once per interval (Auth:SessionKeyCheckInterval; a clip's range requests would
/// otherwise cost a query each), and a revoked key's session gets 401 from then on.
/// </summary>
public static class SessionKeyCheck
{
    private const string CheckedAt = "key-checked-at";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context, TimeSpan interval)
    {
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedAt, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last)
            && now - last < interval)
        {
            return;
        }

        var caller = context.Principal?.FindFirstValue(PlatformClaims.Caller);
        var store = context.HttpContext.RequestServices.GetRequiredService<ApiKeyStore>();
        var prefix = ApiKeyAuthenticationHandler.CallerPrefix;
        if (caller is null || !caller.StartsWith(prefix, StringComparison.Ordinal)
            || !await store.IsActiveAsync(caller[prefix.Length..], context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.Properties.Items[CheckedAt] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
