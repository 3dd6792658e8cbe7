using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Security;

namespace Platform.Gateway.Api.Keys;

/// <summary>/api/keys: admins create, list and revoke API keys. A site-scoped admin manages keys of its site only.</summary>
public static class KeyEndpoints
{
    public static void MapKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        keys.MapGet("/", ListAsync).WithSummary("API keys without their secrets, revoked ones included; a site-scoped admin sees its site's.");
        keys.MapPost("/", CreateAsync)
            .WithSummary("Creates an API key; the answer holds the key itself, shown this once only.")
            .WithDescription("`role`: viewer, operator or admin. `siteId` scopes the key to a site; a site-scoped admin can create keys of its own site only.");
        keys.MapDelete("/{id}", RevokeAsync).WithSummary("Revokes an API key: it is refused from its next request.");
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyRecord>>> ListAsync(ApiKeyStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiKeyRecord>>([.. all.Where(k => SiteScope.Of(user) is null || k.SiteId == SiteScope.Of(user))]);
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        ApiKeyStore store, NpgsqlDataSource db, ClaimsPrincipal user, ApiKeyInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().RequireText("name", input.Name);
        if (input.Role is null || !Roles.All.Contains(input.Role))
        {
            errors.Add("role", $"One of: {string.Join(", ", Roles.All)}.");
        }

        // A scoped admin cannot mint a key wider than its own scope.
        var siteId = await SiteLookup.ResolveAsync(db, user, input.SiteId, errors, cancellationToken);

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var secret = ApiKeySecret.Generate();
        var record = await store.CreateAsync(secret, input.Name!, input.Role!, siteId, cancellationToken);
        return TypedResults.Created($"/api/keys/{record.Id}",
            new CreatedApiKey(record.Id, record.Name, record.Role, record.SiteId, record.CreatedAt, secret.Value));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(ApiKeyStore store, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        var key = (await store.ListAsync(cancellationToken)).FirstOrDefault(k => k.Id == id);
        if (key is null || !SiteScope.Allows(user, key.SiteId))
        {
            return TypedResults.NotFound();
        }

        return await store.RevokeAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
