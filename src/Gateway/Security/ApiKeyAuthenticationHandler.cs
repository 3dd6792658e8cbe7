using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Security;

/// <summary>Authenticates the "X-Api-Key" header against the stored hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecret.TryParse(values.ToString(), out var key))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        var record = await keys.AuthenticateAsync(key, Context.RequestAborted);
        return record is null
            ? AuthenticateResult.Fail("The API key is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(PrincipalFor(record, SchemeName), SchemeName));
    }

    /// <summary>The caller claim of a key's principal is this followed by the key's id.</summary>
    public const string CallerPrefix = "key:";

    /// <summary>The caller a key stands for: also what the web UI's cookie holds after signing in with a key.</summary>
    public static ClaimsPrincipal PrincipalFor(ApiKeyRecord key, string scheme)
    {
        var claims = new List<Claim>
        {
            new(PlatformClaims.Caller, CallerPrefix + key.Id),
            new(PlatformClaims.Role, key.Role),
            new("name", key.Name),
        };
        if (key.SiteId is not null)
        {
            claims.Add(new(PlatformClaims.Site, key.SiteId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, PlatformClaims.Caller, PlatformClaims.Role));
    }
}
