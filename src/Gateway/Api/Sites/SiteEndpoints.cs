using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Sites;

/// <summary>/api/sites: CRUD. Creating and deleting sites is for unscoped admins; a site-scoped caller sees only its own.</summary>
public static class SiteEndpoints
{
    private const string Columns = "id, name, created_at, updated_at";

    public static void MapSiteEndpoints(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");
        sites.MapGet("/", ListAsync).WithSummary("Sites, by id; a site-scoped caller sees only its own.").WithDescription(PageRequest.Paging);
        sites.MapGet("/{id}", GetAsync).WithSummary("One site.");
        sites.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Creates a site; for admins without a site scope.")
            .WithDescription("403: the admin key is scoped to a site. 409: a site with this id exists.");
        sites.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Write).WithSummary("Renames a site; its id cannot change.");
        sites.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Deletes a site; for admins without a site scope.")
            .WithDescription("403: the admin key is scoped to a site. 409: the site still has cameras, sensors or API keys.");
    }

    private static async Task<Results<Ok<Page<Site>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ById(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.ListAsync(
            $"SELECT {Columns} FROM sites WHERE ($1::text IS NULL OR id > $1) AND ($2::text IS NULL OR id = $2) ORDER BY id LIMIT $3",
            Read, cancellationToken, after, SiteScope.Of(user), size + 1);
        return TypedResults.Ok(PageRequest.From(rows, size, s => Cursor.Encode(s.Id)));
    }

    private static async Task<Results<Ok<Site>, NotFound>> GetAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        var site = await FindAsync(db, id, cancellationToken);
        return site is not null && SiteScope.Allows(user, site.Id) ? TypedResults.Ok(site) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<Site>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, SiteInput input, CancellationToken cancellationToken)
    {
        if (SiteScope.Of(user) is not null)
        {
            return TypedResults.Forbid();
        }

        var errors = new FieldErrors().RequireId("id", input.Id).RequireText("name", input.Name);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var rows = await db.ListAsync($"INSERT INTO sites (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING {Columns}",
            Read, cancellationToken, input.Id, input.Name);
        return rows.Count == 0
            ? Problems.Conflict($"Site '{input.Id}' exists.")
            : TypedResults.Created($"/api/sites/{rows[0].Id}", rows[0]);
    }

    private static async Task<Results<Ok<Site>, ValidationProblem, NotFound>> UpdateAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string id, SiteInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().RequireText("name", input.Name);
        if (input.Id is not null && input.Id != id)
        {
            errors.Add("id", "Differs from the id in the path; ids cannot change.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (!SiteScope.Allows(user, id))
        {
            return TypedResults.NotFound();
        }

        var rows = await db.ListAsync($"UPDATE sites SET name = $2, updated_at = now() WHERE id = $1 RETURNING {Columns}",
            Read, cancellationToken, id, input.Name);
        return rows.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(rows[0]);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult, ForbidHttpResult>> DeleteAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (SiteScope.Of(user) is not null)
        {
            return TypedResults.Forbid();
        }

        try
        {
            return await db.ExecuteAsync("DELETE FROM sites WHERE id = $1", cancellationToken, id) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return Problems.Conflict($"Site '{id}' still has cameras, sensors or API keys.");
        }
    }

    private static async Task<Site?> FindAsync(NpgsqlDataSource db, string id, CancellationToken cancellationToken) =>
        (await db.ListAsync($"SELECT {Columns} FROM sites WHERE id = $1", Read, cancellationToken, id)).SingleOrDefault();

    private static Site Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.Time(2), r.Time(3));
}
