using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Gateway.Security;

namespace Platform.GatewayTests.Faults;

/// <summary>Credentials that must not let anyone in: none, unknown or forged keys, and tokens that are forged, expired, for someone else or unsigned.</summary>
internal static class Credentials
{
    public static IEnumerable<(string Name, Action<HttpRequestHeaders> Apply)> Refused(string adminKey)
    {
        yield return ("none", _ => { });
        yield return ("garbage API key", h => h.Add(ApiKeyAuthenticationHandler.Header, "not-a-key"));
        yield return ("empty API key", h => h.TryAddWithoutValidation(ApiKeyAuthenticationHandler.Header, ""));
        yield return ("forged API key (admin id, wrong secret)", h => h.Add(ApiKeyAuthenticationHandler.Header, adminKey[..^6] + "AAAAAA"));
        yield return ("API key with SQL", h => h.Add(ApiKeyAuthenticationHandler.Header, "pk_x' OR '1'='1_secret"));
        yield return ("token signed with another key", Bearer(Tokens.Create("admin", signingKey: "another-key-that-is-also-32-bytes-or-more!")));
        yield return ("expired token", Bearer(Tokens.Create("admin", lifetime: TimeSpan.FromMinutes(-5))));
        yield return ("token for another audience", Bearer(Tokens.Create("admin", audience: "someone-else")));
        yield return ("alg:none token", Bearer(Unsigned(new { sub = "user-admin", role = "admin", iss = GatewayHost.JwtIssuer, aud = GatewayHost.JwtAudience, exp = 4_102_444_800 })));
        yield return ("token with its signature stripped", Bearer(string.Join('.', Tokens.Create("admin").Split('.')[..2]) + "."));
        yield return ("token with a tampered role", Bearer(Tamper(Tokens.Create("viewer"))));
        yield return ("bearer garbage", Bearer("not.a.token"));
        yield return ("empty bearer", h => h.TryAddWithoutValidation("Authorization", "Bearer "));
        yield return ("basic auth", h => h.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8)));
    }

    public static Action<HttpRequestHeaders> Bearer(string token) => h => h.TryAddWithoutValidation("Authorization", "Bearer " + token);

    private static string Unsigned(object claims) =>
        $"{Base64Url("""{"alg":"none","typ":"JWT"}"""u8.ToArray())}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.";

    // The viewer's payload with role admin, keeping the viewer's signature.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))));
        return $"{parts[0]}.{Base64Url(Encoding.UTF8.GetBytes(payload.Replace("\"viewer\"", "\"admin\"", StringComparison.Ordinal)))}.{parts[2]}";
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
