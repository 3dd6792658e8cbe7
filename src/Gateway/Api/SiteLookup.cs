using System.Security.Claims;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Security;

namespace Platform.Gateway.Api;

/// <summary>Checks a site a body names: it exists and the caller may use it. A scoped caller's site is the default.</summary>
public static class SiteLookup
{
    public static async Task<string?> ResolveAsync(NpgsqlDataSource db, ClaimsPrincipal user, string? requested, FieldErrors errors, CancellationToken cancellationToken)
    {
        var siteId = requested ?? SiteScope.Of(user);
        if (siteId is null)
        {
            return null;
        }

        if (!SiteScope.Allows(user, siteId))
        {
            errors.Add("siteId", "Must be the caller's own site.");
            return siteId;
        }

        await using var command = db.CreateCommand("SELECT 1 FROM sites WHERE id = $1");
        command.Parameters.Add(new() { Value = siteId });
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            errors.Add("siteId", $"No site '{siteId}'.");
        }

        return siteId;
    }
}
