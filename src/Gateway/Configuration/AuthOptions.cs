namespace Platform.Gateway.Configuration;

/// <summary>Section "Auth": API keys, JWT bearer tokens and the per-caller rate limit.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// An admin API key ("pk_{id}_{secret}") stored (hashed) at start when set, so that a new deployment has
    /// a first key to create the others with. Rotate it by creating a new admin key and unsetting this.
    /// </summary>
    public string? BootstrapApiKey { get; set; }

    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Requests per minute per API key, token subject or (unauthenticated) client address.</summary>
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>
    /// How often a web UI session is checked against its API key: a revoked key's session ends within this time.
    /// </summary>
    public TimeSpan SessionKeyCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Section "Auth:Jwt": tokens from an identity provider, with a "role" claim (viewer, operator, admin) and optionally a "site" claim.</summary>
public sealed class JwtOptions
{
    public string Issuer { get; set; } = "platform";

    public string Audience { get; set; } = "platform-api";

    /// <summary>HMAC-SHA256 key (at least 32 bytes). Unset: bearer tokens are refused; API keys still work.</summary>
    public string? SigningKey { get; set; }
}
