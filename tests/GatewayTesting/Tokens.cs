using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.GatewayTesting;

/// <summary>JWTs as an identity provider would issue them, signed with the test key (or a wrong one, to forge).</summary>
public static class Tokens
{
    public static string Create(string role, string? site = null, TimeSpan? lifetime = null, string signingKey = GatewayHost.JwtSigningKey,
        string audience = GatewayHost.JwtAudience)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = $"user-{role}", ["role"] = role };
        if (site is not null)
        {
            claims["site"] = site;
        }

        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = GatewayHost.JwtIssuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
