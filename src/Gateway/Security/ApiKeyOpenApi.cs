using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.Security;

/// <summary>
/// The OpenAPI document's security: the X-Api-Key scheme (Swagger UI's Authorize button), and a requirement naming it on
/// every operation that needs a caller. Operations that allow anonymous callers (signing in and out) carry none.
/// </summary>
public static class ApiKeyOpenApi
{
    public static OpenApiOptions AddApiKeySecurity(this OpenApiOptions options) =>
        options.AddDocumentTransformer(AddSchemeAsync).AddOperationTransformer(RequireKeyAsync);

    private static Task AddSchemeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.AddComponent<IOpenApiSecurityScheme>(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.Header,
            Description = "An API key, `pk_{id}_{secret}`, created by an admin under /api/keys. Its role decides what it may do: "
                + "viewer reads, operator also edits and records, admin also manages keys and sites. A key with a site sees only that site: "
                + "other sites' objects answer 404.",
        });
        return Task.CompletedTask;
    }

    // The authorization middleware lets an endpoint with [AllowAnonymous] through whatever else it requires.
    private static Task RequireKeyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [],
            });
        }

        return Task.CompletedTask;
    }
}
