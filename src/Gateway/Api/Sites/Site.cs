namespace Platform.Gateway.Api.Sites;

/// <summary>A place with cameras: a shop, a car park, a plant.</summary>
public sealed record Site(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The body of POST /api/sites (id required) and PUT /api/sites/{id} (id from the path).</summary>
public sealed record SiteInput(string? Id, string? Name);
