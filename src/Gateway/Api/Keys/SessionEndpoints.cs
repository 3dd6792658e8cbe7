using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Http;
using Platform.Gateway.Security;

namespace Platform.Gateway.Api.Keys;

/// <summary>
/// /api/session: the web UI trades an API key for an HttpOnly cookie, so that video and image elements (which
/// cannot send headers) are authorized too. The key itself never reaches page script storage.
/// </summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this RouteGroupBuilder api)
    {
        var session = api.MapGroup("/session").WithTags("Session");
        session.MapPost("/", SignInAsync).AllowAnonymous()
            .WithSummary("Signs the web UI in: trades a valid API key for an HttpOnly session cookie; needs no credentials.")
            .WithDescription("401: the key is malformed, unknown or revoked. The cookie lasts 8 hours, renewed while in use.");
        // Cast: a handler taking only HttpContext would otherwise bind as a RequestDelegate and drop its result.
        session.MapDelete("/", (Delegate)SignOutAsync).AllowAnonymous().WithSummary("Signs out: clears the session cookie; needs no credentials.");
        session.MapGet("/", Me).WithSummary("The caller: its id, name, role and site.");
    }

    private static async Task<Results<Ok<Caller>, ValidationProblem, UnauthorizedHttpResult>> SignInAsync(
        HttpContext context, ApiKeyStore store, SessionInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.ApiKey))
        {
            return Problems.Invalid("apiKey", "Required.");
        }

        var record = ApiKeySecret.TryParse(input.ApiKey, out var key) ? await store.AuthenticateAsync(key, cancellationToken) : null;
        if (record is null)
        {
            return TypedResults.Unauthorized();
        }

        var principal = ApiKeyAuthenticationHandler.PrincipalFor(record, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Ok(CallerOf(principal));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Ok<Caller> Me(ClaimsPrincipal user) => TypedResults.Ok(CallerOf(user));

    private static Caller CallerOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(PlatformClaims.Caller) ?? "",
        user.FindFirstValue("name"),
        user.FindFirstValue(PlatformClaims.Role) ?? "",
        SiteScope.Of(user));
}
