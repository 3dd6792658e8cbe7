using System.Security.Claims;

namespace Platform.Gateway.Security;

/// <summary>
/// The site a caller is confined to, if any. Queries filter by it, so another site's rows are simply not found
/// (404, not 403: a scoped caller learns nothing about what exists elsewhere).
/// </summary>
public static class SiteScope
{
    /// <summary>Null: every site.</summary>
    public static string? Of(ClaimsPrincipal user) => user.FindFirst(PlatformClaims.Site)?.Value;

    /// <summary>Whether the caller may see or change something that belongs to <paramref name="siteId"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, string? siteId) => Of(user) is not { } scope || scope == siteId;
}
