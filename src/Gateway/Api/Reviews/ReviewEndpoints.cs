using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Reviews;

/// <summary>
/// PUT and DELETE /api/alerts/{id}/review and /api/recordings/{id}/review: an event's reviewed state, a sub-resource
/// of the event, stored in event_reviews. Operators and admins set it; a site-scoped key only on its site's events
/// (another site's are not found, as everywhere).
/// </summary>
public static class ReviewEndpoints
{
    private const string Description =
        "Idempotent: marking a reviewed event again keeps the first reviewer and time. A site-scoped key finds only its site's events.";

    public static void MapReviewEndpoints(this RouteGroupBuilder api)
    {
        Map(api, "/alerts/{id}/review", "Alerts", "alert", ReviewedKind.Alert);
        Map(api, "/recordings/{id}/review", "Recordings", "recording session", ReviewedKind.Recording);
    }

    private static void Map(RouteGroupBuilder api, string path, string tag, string noun, ReviewedKind kind)
    {
        api.MapPut(path, (NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
                MarkAsync(db, clock, user, kind, id, cancellationToken))
            .WithTags(tag).RequireAuthorization(Policies.Write)
            .WithSummary($"Marks the {noun} reviewed; answers who reviewed it and when.").WithDescription(Description);
        api.MapDelete(path, (NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
                UnmarkAsync(db, user, kind, id, cancellationToken))
            .WithTags(tag).RequireAuthorization(Policies.Write)
            .WithSummary($"Marks the {noun} unreviewed again.").WithDescription("204 also when it was not reviewed. " + Description);
    }

    private static async Task<Results<Ok<Review>, NotFound, ValidationProblem>> MarkAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, ReviewedKind kind, string id, CancellationToken cancellationToken)
    {
        if (!ResourceId.IsValid(id))
        {
            return Problems.Invalid("id", ResourceId.Rule);
        }

        // The no-op update makes RETURNING give the stored review when there is one already.
        var rows = await db.ListAsync(
            $"""
            INSERT INTO event_reviews (kind, event_id, reviewed_by, reviewed_at)
            SELECT $3, e.id, $4, $5 FROM ({kind.InScope}) e
            ON CONFLICT (kind, event_id) DO UPDATE SET reviewed_by = event_reviews.reviewed_by
            RETURNING reviewed_by, reviewed_at
            """,
            r => new Review(r.GetString(0), r.Time(1)), cancellationToken,
            SiteScope.Of(user), id, kind.Kind, user.Identity?.Name ?? "unknown", clock.GetUtcNow());
        return rows.Count == 1 ? TypedResults.Ok(rows[0]) : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> UnmarkAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, ReviewedKind kind, string id, CancellationToken cancellationToken)
    {
        if (!ResourceId.IsValid(id))
        {
            return Problems.Invalid("id", ResourceId.Rule);
        }

        var found = await db.ListAsync(kind.InScope, r => r.GetString(0), cancellationToken, SiteScope.Of(user), id);
        if (found.Count == 0)
        {
            return TypedResults.NotFound();
        }

        await db.ExecuteAsync("DELETE FROM event_reviews WHERE kind = $1 AND event_id = $2", cancellationToken, kind.Kind, id);
        return TypedResults.NoContent();
    }
}
