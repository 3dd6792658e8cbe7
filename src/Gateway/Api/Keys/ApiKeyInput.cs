namespace Platform.Gateway.Api.Keys;

/// <summary>The body of POST /api/keys.</summary>
public sealed record ApiKeyInput(string? Name, string? Role, string? SiteId);

/// <summary>The one response that contains the secret: store it now, it is never shown again.</summary>
public sealed record CreatedApiKey(string Id, string Name, string Role, string? SiteId, DateTimeOffset CreatedAt, string Key);

/// <summary>The body of POST /api/session: the web UI signs in with an API key and gets a cookie.</summary>
public sealed record SessionInput(string? ApiKey);

/// <summary>Who the caller is, for the UI.</summary>
public sealed record Caller(string Id, string? Name, string Role, string? SiteId);
