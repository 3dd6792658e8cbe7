using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Gateway.Http;
using Platform.Gateway.Messaging;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Gateway.Api.Rules;

/// <summary>
/// /api/rules: CRUD and enable/disable. Bodies are the contracts' rule JSON, checked by the silo's validator (every
/// invalid field in one 400). Every write tells the sensor grains the rule watches, before and after the change.
/// A site-scoped caller sees the rules whose sensors are all in its site.
/// </summary>
public static class RuleEndpoints
{
    private const string InScope = """
        ($1::text IS NULL OR NOT EXISTS (
            SELECT 1 FROM unnest(rules.sensor_ids) AS watched(id)
            WHERE NOT EXISTS (SELECT 1 FROM sensors WHERE sensors.id = watched.id AND sensors.site_id = $1)))
        """;

    private const string ConditionTypes =
        "`condition.type`: `object-in-zone` (on-enter or while-present), `line-crossing` (a-to-b, b-to-a or either), "
        + "`count-in-zone` (`threshold` entries within `window`), `occupancy-at-least` (at least `minimum` objects of the "
        + "rule's classes in `zoneId` at once for `minimumDuration`; fires once per episode, which ends when the count drops "
        + "below the minimum), `dwell` (one object inside for `minimum`), `event-type` (DeepStream's event.type) and "
        + "`analytics-event` (another analytics' event from `Kafka:AnalyticsEventsTopic`, NVIDIA VSS's mdx-events: `kind` "
        + "`tripwire` (`directions` IN/OUT) or `roi` (ENTRY/EXIT), `eventIds` that analytics' tripwire or region ids, empty: any; "
        + "alert templates may use `{event}`). "
        + "Times are event times (the detections' timestamps); `schedule` is wall-clock time in its IANA `timeZone`.";

    public static void MapRuleEndpoints(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/rules").WithTags("Rules");
        // Beside /rules, not under it: /rules/vocabulary would hide a rule with the id "vocabulary".
        api.MapGet("/rule-vocabulary", (IOptions<RuleVocabularyOptions> vocabulary) => TypedResults.Ok(RuleVocabulary.Of(vocabulary.Value))).WithTags("Rules")
            .WithSummary("The values a rule's fields may take: object classes (Rules:KnownClasses), DeepStream event types, alert placeholders.");
        rules.MapGet("/", ListAsync).WithSummary("Rules, by id, filtered by sensor, site (rules watching one of its sensors) and enabled.")
            .WithDescription(PageRequest.Paging);
        rules.MapGet("/{id}", GetAsync).WithSummary("One rule.");
        rules.MapPost("/", CreateAsync).RequireAuthorization(Policies.Write).Accepts<Rule>("application/json")
            .WithSummary("Creates a rule; every invalid field is named in one 400.")
            .WithDescription($"{ConditionTypes} 409: a rule with this id exists. {ConfigNotifier.Unapplied}");
        rules.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Write).Accepts<Rule>("application/json")
            .WithSummary("Replaces a rule; the sensors it watches (before and after) apply it from their next detection.")
            .WithDescription($"{ConditionTypes} {ConfigNotifier.Unapplied}");
        rules.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Write).WithSummary("Deletes a rule.").WithDescription(ConfigNotifier.Unapplied);
        rules.MapPost("/{id}/enable", (NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, CancellationToken ct) =>
            SetEnabledAsync(db, notifier, user, id, true, ct)).RequireAuthorization(Policies.Write)
            .WithSummary("Turns a rule on.").WithDescription(ConfigNotifier.Unapplied);
        rules.MapPost("/{id}/disable", (NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, CancellationToken ct) =>
            SetEnabledAsync(db, notifier, user, id, false, ct)).RequireAuthorization(Policies.Write)
            .WithSummary("Turns a rule off.").WithDescription(ConfigNotifier.Unapplied);
    }

    private static async Task<Results<Ok<Page<Rule>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? sensorId, string? siteId, bool? enabled, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ById(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        // A site's rules: those watching at least one of its sensors.
        var rows = await db.ListAsync(
            $"""
            SELECT definition::text FROM rules
            WHERE {InScope} AND ($2::text IS NULL OR id > $2) AND ($3::text IS NULL OR $3 = ANY(sensor_ids)) AND ($4::boolean IS NULL OR enabled = $4)
              AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM sensors WHERE sensors.id = ANY(rules.sensor_ids) AND sensors.site_id = $6))
            ORDER BY id LIMIT $5
            """,
            Read, cancellationToken, SiteScope.Of(user), after, sensorId, enabled, size + 1, siteId);
        return TypedResults.Ok(PageRequest.From(rows, size, r => Cursor.Encode(r.Id.Value)));
    }

    private static async Task<Results<Ok<Rule>, NotFound>> GetAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        await FindAsync(db, user, id, cancellationToken) is { } rule ? TypedResults.Ok(rule) : TypedResults.NotFound();

    private static async Task<Results<Created<Rule>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, NpgsqlDataSource db, ConfigNotifier notifier, IOptions<RuleVocabularyOptions> vocabulary, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (rule, problem) = await JsonBody.ReadAsync(request, RulesJsonContext.Default.Rule, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = await RuleChecks.CheckAsync(db, user, rule!, vocabulary.Value, new FieldErrors(), cancellationToken);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var inserted = await db.ExecuteAsync(
            "INSERT INTO rules (id, name, enabled, sensor_ids, definition) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
            cancellationToken, rule!.Id.Value, rule.Name, rule.Enabled, SensorKeys(rule), Definition(rule));
        if (inserted == 0)
        {
            return Problems.Conflict($"Rule '{rule.Id}' exists.");
        }

        return await notifier.NotifyAsync(Grains(rule.SensorIds), $"rule {rule.Id} created", cancellationToken) is { } failed
            ? failed
            : TypedResults.Created($"/api/rules/{rule.Id}", rule);
    }

    private static async Task<Results<Ok<Rule>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateAsync(
        HttpRequest request, NpgsqlDataSource db, ConfigNotifier notifier, IOptions<RuleVocabularyOptions> vocabulary, ClaimsPrincipal user, string id,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, RulesJsonContext.Default.Rule, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (!string.IsNullOrEmpty(body!.Id.Value) && body.Id.Value != id)
        {
            errors.Add("id", "Differs from the id in the path; ids cannot change.");
        }

        var rule = body with { Id = new RuleId(id) };
        await RuleChecks.CheckAsync(db, user, rule, vocabulary.Value, errors, cancellationToken);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await FindAsync(db, user, id, cancellationToken) is not { } before)
        {
            return TypedResults.NotFound();
        }

        await db.ExecuteAsync("UPDATE rules SET name = $2, enabled = $3, sensor_ids = $4, definition = $5, updated_at = now() WHERE id = $1",
            cancellationToken, id, rule.Name, rule.Enabled, SensorKeys(rule), Definition(rule));
        return await notifier.NotifyAsync(Grains([.. before.SensorIds, .. rule.SensorIds]), $"rule {id} updated", cancellationToken) is { } failed
            ? failed
            : TypedResults.Ok(rule);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, user, id, cancellationToken) is not { } rule
            || await db.ExecuteAsync("DELETE FROM rules WHERE id = $1", cancellationToken, id) == 0)
        {
            return TypedResults.NotFound();
        }

        return await notifier.NotifyAsync(Grains(rule.SensorIds), $"rule {id} deleted", cancellationToken) is { } failed
            ? failed
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Rule>, NotFound, ProblemHttpResult>> SetEnabledAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, bool enabled, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, user, id, cancellationToken) is not { } rule)
        {
            return TypedResults.NotFound();
        }

        rule.Enabled = enabled;
        await db.ExecuteAsync("UPDATE rules SET enabled = $2, definition = $3, updated_at = now() WHERE id = $1", cancellationToken, id, enabled, Definition(rule));
        return await notifier.NotifyAsync(Grains(rule.SensorIds), $"rule {id} {(enabled ? "enabled" : "disabled")}", cancellationToken) is { } failed
            ? failed
            : TypedResults.Ok(rule);
    }

    private static async Task<Rule?> FindAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        (await db.ListAsync($"SELECT definition::text FROM rules WHERE {InScope} AND id = $2", Read, cancellationToken, SiteScope.Of(user), id)).SingleOrDefault();

    private static IEnumerable<GrainKey> Grains(IEnumerable<SensorId> sensors) => sensors.Select(GrainKey.ForSensor);

    private static string[] SensorKeys(Rule rule) => [.. rule.SensorIds.Select(s => s.Value)];

    private static NpgsqlParameter Definition(Rule rule) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(rule, RulesJsonContext.Default.Rule) };

    private static Rule Read(NpgsqlDataReader r) => JsonSerializer.Deserialize(r.GetString(0), RulesJsonContext.Default.Rule)!;
}
