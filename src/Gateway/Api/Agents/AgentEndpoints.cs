using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Messaging;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Messages;

namespace Platform.Gateway.Api.Agents;

/// <summary>
/// /api/agents: the edge agents of the fleet. Registering one (admins) gives it to a site and answers its config key
/// once; cameras name it by agentId, and its grain sends it their settings on edge.config.
/// </summary>
public static class AgentEndpoints
{
    private const string Columns =
        $"""
        a.id, a.site_id, a.name, a.config_version, a.created_at, (SELECT count(*)::int FROM cameras c WHERE c.agent_id = a.id),
        {AgentReports.Columns}
        FROM edge_agents a LEFT JOIN edge_agent_status s ON s.agent_id = a.id
        """;

    public static void MapAgentEndpoints(this RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Edge agents");
        agents.MapGet("/", ListAsync).WithSummary("Registered edge agents with their newest heartbeat, by id, filtered by site.")
            .WithDescription(PageRequest.Paging);
        agents.MapGet("/unregistered", UnregisteredAsync)
            .WithSummary("Agents that send heartbeats without being registered (standalone boxes, or ids mistyped), newest first, by the site they report.");
        agents.MapGet("/{id}", GetAsync).WithSummary("One edge agent, with each camera as it reported it.");
        agents.MapPost("/", RegisterAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Registers an edge agent at a site; the answer holds its config key, shown this once.")
            .WithDescription("The agent runs with EdgeAgent:AgentId = id and EdgeAgent:ConfigKey = configKey. 409: an agent with this id exists.");
        agents.MapPost("/{id}/config-key", RotateKeyAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Gives the agent a new config key (shown this once); until the agent runs with it, it cannot open its cameras' passwords.");
        agents.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Unregisters an edge agent.")
            .WithDescription("409: cameras still name it (move or delete them first).");
    }

    private static async Task<Results<Ok<Page<EdgeAgent>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, string? siteId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ById(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var rows = await db.ListAsync(
            $"""
            SELECT {Columns}
            WHERE ($1::text IS NULL OR a.id > $1) AND ($2::text IS NULL OR a.site_id = $2) AND ($3::text IS NULL OR a.site_id = $3)
            ORDER BY a.id LIMIT $4
            """,
            r => Read(r, now), cancellationToken, after, SiteScope.Of(user), siteId, size + 1);
        return TypedResults.Ok(PageRequest.From(rows, size, a => Cursor.Encode(a.Id)));
    }

    private static async Task<Ok<IReadOnlyList<UnregisteredAgent>>> UnregisteredAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.ListAsync(
            $"""
            SELECT s.agent_id, s.site, {AgentReports.Columns} FROM edge_agent_status s
            WHERE NOT EXISTS (SELECT 1 FROM edge_agents a WHERE a.id = s.agent_id) AND ($1::text IS NULL OR s.site = $1)
            ORDER BY s.received_at DESC LIMIT 100
            """,
            r => AgentReports.Read(r, 2) is { } report
                ? new UnregisteredAgent(r.GetString(0), r.NullableString(1), AgentPresence.IsOnline(report, now), report)
                : throw new InvalidOperationException("A status row without a heartbeat."),
            cancellationToken, SiteScope.Of(user));
        return TypedResults.Ok<IReadOnlyList<UnregisteredAgent>>(rows);
    }

    private static async Task<Results<Ok<EdgeAgent>, NotFound>> GetAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        await FindAsync(db, clock.GetUtcNow(), user, id, cancellationToken) is { } agent ? TypedResults.Ok(agent) : TypedResults.NotFound();

    private static async Task<Results<Created<EdgeAgentKey>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, EdgeAgentInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().RequireId("id", input.Id).RequireText("name", input.Name);
        if (input.SiteId is null && SiteScope.Of(user) is null)
        {
            errors.Add("siteId", "Required: an edge agent records the cameras of one site.");
        }

        var siteId = await SiteLookup.ResolveAsync(db, user, input.SiteId, errors, cancellationToken);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var key = EdgeSecretBox.NewKey();
        var inserted = await db.ExecuteAsync(
            "INSERT INTO edge_agents (id, site_id, name, config_key) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
            cancellationToken, input.Id, siteId, input.Name, key);
        if (inserted == 0)
        {
            return Problems.Conflict($"Edge agent '{input.Id}' exists.");
        }

        var agent = (await FindAsync(db, clock.GetUtcNow(), user, input.Id!, cancellationToken))!;
        return TypedResults.Created($"/api/agents/{agent.Id}", new EdgeAgentKey(agent, key));
    }

    private static async Task<Results<Ok<EdgeAgentKey>, NotFound, ProblemHttpResult>> RotateKeyAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, TimeProvider clock, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        var key = EdgeSecretBox.NewKey();
        var updated = await db.ExecuteAsync(
            "UPDATE edge_agents SET config_key = $2, config_version = config_version + 1 WHERE id = $1 AND ($3::text IS NULL OR site_id = $3)",
            cancellationToken, id, key, SiteScope.Of(user));
        if (updated == 0)
        {
            return TypedResults.NotFound();
        }

        var agent = (await FindAsync(db, clock.GetUtcNow(), user, id, cancellationToken))!;
        return await notifier.NotifyAsync([GrainKey.ForAgent(id)], $"agent {id} has a new config key", cancellationToken) is { } failed
            ? failed
            : TypedResults.Ok(new EdgeAgentKey(agent, key));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await db.ExecuteAsync("DELETE FROM edge_agents WHERE id = $1 AND ($2::text IS NULL OR site_id = $2)", cancellationToken, id, SiteScope.Of(user)) == 0
                ? TypedResults.NotFound()
                : TypedResults.NoContent();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return Problems.Conflict($"Cameras still name edge agent '{id}': move them to another agent or delete them first.");
        }
    }

    public static async Task<EdgeAgent?> FindAsync(NpgsqlDataSource db, DateTimeOffset now, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        (await db.ListAsync($"SELECT {Columns} WHERE a.id = $1 AND ($2::text IS NULL OR a.site_id = $2)", r => Read(r, now), cancellationToken, id, SiteScope.Of(user)))
            .SingleOrDefault();

    private static EdgeAgent Read(NpgsqlDataReader r, DateTimeOffset now)
    {
        var report = AgentReports.Read(r, 6);
        var version = r.GetInt64(3);
        return new EdgeAgent(r.GetString(0), r.GetString(1), r.GetString(2), version, r.Time(4), r.GetInt32(5),
            AgentPresence.IsOnline(report, now), report?.ConfigVersion >= version, report);
    }
}
