using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Platform.Gateway.Configuration;

namespace Platform.Gateway.Security;

/// <summary>
/// Who may call: an API key (X-Api-Key), a JWT bearer token, or the web UI's cookie (issued for a valid API key
/// by POST /api/session). One policy scheme picks the handler by what the request carries.
/// </summary>
public static class SecurityServices
{
    private const string Selector = "Platform";

    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services, AuthOptions options)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "API key, bearer token or UI cookie", o => o.ForwardDefaultSelector = SchemeFor)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Jwt.Issuer,
                    ValidAudience = options.Jwt.Audience,
                    // Without a configured key no token can validate: a random one nobody knows.
                    IssuerSigningKey = new SymmetricSecurityKey(options.Jwt.SigningKey is { Length: > 0 } key
                        ? Encoding.UTF8.GetBytes(key) : RandomNumberGenerator.GetBytes(32)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = PlatformClaims.Caller,
                    RoleClaimType = PlatformClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "platform-session";
                o.Cookie.HttpOnly = true;
                // Strict: a cross-site page cannot make the browser send it, which is the CSRF defence for the UI.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // An API answers 401/403; it never redirects to a login page.
                o.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                o.Events.OnValidatePrincipal = context => SessionKeyCheck.ValidateAsync(context, options.SessionKeyCheckInterval);
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Viewer, Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Write, p => p.RequireRole(Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(CallerOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RequestsPerMinute,
                    TokensPerPeriod = Math.Max(1, options.RequestsPerMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "The rate limit for this caller is exceeded; retry after a second." },
                });
            };
        });
        return services;
    }

    private static string SchemeFor(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        return context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? JwtBearerDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;
    }

    /// <summary>The rate-limit partition: the authenticated caller, else the client address.</summary>
    private static string CallerOf(HttpContext context) =>
        context.User.FindFirstValue(PlatformClaims.Caller) is { } caller
            ? caller
            : $"ip:{context.Connection.RemoteIpAddress}";
}
