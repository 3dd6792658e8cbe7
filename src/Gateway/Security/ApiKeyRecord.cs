namespace Platform.Gateway.Security;

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyRecord(string Id, string Name, string Role, string? SiteId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
