using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Security;

namespace Platform.Gateway.Api.Clips;

/// <summary>
/// /api/clips: list and read the clip catalog, fetch a clip's video and thumbnail, delete a clip. A site-scoped
/// caller sees only clips of its site's cameras; anything else is simply not found. Object keys come only from
/// the catalog row (checked by <see cref="ClipObjectGuard"/>), never from the request.
/// </summary>
public static partial class ClipEndpoints
{
    private const string Category = "Platform.Gateway.Api.Clips";

    public static void MapClipEndpoints(this RouteGroupBuilder api)
    {
        var clips = api.MapGroup("/clips").WithTags("Clips").RequireAuthorization(Policies.Read);
        clips.MapGet("/", ListAsync).WithSummary("Clips, newest first, filtered by camera, rule, session, site and start time.")
            .WithDescription($"`from` is inclusive, `to` exclusive and must be later. {PageRequest.Paging}");
        clips.MapGet("/{id}", GetAsync).WithSummary("A clip's metadata.");
        clips.MapGet("/{id}/content", ContentAsync).WithSummary("The video: a redirect to a short-lived presigned URL, or streamed with ?proxy=true (Range supported).")
            .WithDescription("`download=true` answers with `Content-Disposition: attachment` (named after the clip id), so that browsers save the file.");
        clips.MapGet("/{id}/share-link", ShareLinkAsync)
            .WithSummary("A presigned URL of the video to hand to someone without an API key, and when it expires (S3:PresignedUrlLifetime).");
        clips.MapGet("/{id}/thumbnail", ThumbnailAsync).WithSummary("The JPEG thumbnail, like /content.");
        clips.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Write).WithSummary("Deletes the clip's objects, then its catalog row.");
    }

    private static async Task<Results<Ok<Page<Clip>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? cameraId, string? ruleId, string? sessionId, string? siteId,
        DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        OptionalId(errors, "cameraId", cameraId);
        OptionalId(errors, "ruleId", ruleId);
        OptionalId(errors, "sessionId", sessionId);
        OptionalId(errors, "siteId", siteId);
        if (from is not null && to is not null && to <= from)
        {
            errors.Add("to", "Must be later than 'from'.");
        }

        var size = PageRequest.Limit(limit, errors);
        var after = Cursor.AfterTimeAndId(cursor, errors);

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        // A scoped caller asking for another site gets what it may see there: nothing.
        var scope = SiteScope.Of(user);
        if (scope is not null && siteId is not null && siteId != scope)
        {
            return TypedResults.Ok(new Page<Clip>([], null));
        }

        var rows = await ClipCatalog.ListAsync(db, new ClipListQuery(cameraId, ruleId, sessionId, scope ?? siteId, from, to, after, size), cancellationToken);
        var page = PageRequest.From(rows, size, c => Cursor.Encode(c.Clip.StartAt, c.Clip.Id));
        return TypedResults.Ok(new Page<Clip>([.. page.Items.Select(c => c.Clip)], page.NextCursor));
    }

    private static async Task<Results<Ok<Clip>, NotFound, ValidationProblem>> GetAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (!ResourceId.IsValid(id))
        {
            return Problems.Invalid("id", ResourceId.Rule);
        }

        var found = await ClipCatalog.FindAsync(db, id, SiteScope.Of(user), cancellationToken);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(found.Clip);
    }

    private static Task<Results<RedirectHttpResult, ClipStreamResult, NotFound, ValidationProblem>> ContentAsync(
        HttpContext context, NpgsqlDataSource db, IClipObjects objects, ILoggerFactory loggers, string id, bool? proxy, bool? download,
        CancellationToken cancellationToken) =>
        ServeAsync(context, db, objects, loggers, id, proxy,
            c => (c.Location.ObjectKey, ContentType(c.Clip.Container), download == true ? DownloadName(c.Clip) : null), cancellationToken);

    private static Task<Results<RedirectHttpResult, ClipStreamResult, NotFound, ValidationProblem>> ThumbnailAsync(
        HttpContext context, NpgsqlDataSource db, IClipObjects objects, ILoggerFactory loggers, string id, bool? proxy, CancellationToken cancellationToken) =>
        ServeAsync(context, db, objects, loggers, id, proxy, c => (c.Location.ThumbnailKey, "image/jpeg", null), cancellationToken);

    /// <summary>
    /// A presigned URL of the video for someone without an API key, e.g. pasted into a message: it works without
    /// the gateway for <c>S3:PresignedUrlLifetime</c> and then stops, so nothing has to be revoked.
    /// </summary>
    private static async Task<Results<Ok<PresignedUrl>, NotFound, ValidationProblem>> ShareLinkAsync(
        HttpContext context, NpgsqlDataSource db, IClipObjects objects, ILoggerFactory loggers, string id, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindServableAsync(context, db, objects, loggers, id, cancellationToken);
        if (found is null)
        {
            return problem is null ? TypedResults.NotFound() : problem;
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(await objects.PresignGetAsync(found.Location.ObjectKey, ContentType(found.Clip.Container)));
    }

    private static async Task<Results<RedirectHttpResult, ClipStreamResult, NotFound, ValidationProblem>> ServeAsync(
        HttpContext context, NpgsqlDataSource db, IClipObjects objects, ILoggerFactory loggers, string id, bool? proxy,
        Func<CatalogClip, (string? Key, string ContentType, string? DownloadName)> pick, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindServableAsync(context, db, objects, loggers, id, cancellationToken);
        if (found is null)
        {
            return problem is null ? TypedResults.NotFound() : problem;
        }

        var (key, contentType, downloadName) = pick(found);
        if (key is null)
        {
            return TypedResults.NotFound();
        }

        if (proxy == true)
        {
            return new ClipStreamResult(objects, key, contentType, downloadName);
        }

        // The redirect expires with the URL it carries: nobody may cache it beyond that.
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Redirect((await objects.PresignGetAsync(key, contentType, downloadName)).Url);
    }

    /// <summary>The caller's clip whose catalog row the gateway may serve; null with a 400 for a malformed id, or null alone: not found.</summary>
    private static async Task<(CatalogClip? Found, ValidationProblem? Problem)> FindServableAsync(
        HttpContext context, NpgsqlDataSource db, IClipObjects objects, ILoggerFactory loggers, string id, CancellationToken cancellationToken)
    {
        if (!ResourceId.IsValid(id))
        {
            return (null, Problems.Invalid("id", ResourceId.Rule));
        }

        var found = await ClipCatalog.FindAsync(db, id, SiteScope.Of(context.User), cancellationToken);
        if (found is not null && ClipObjectGuard.Refusal(found.Location, objects.Bucket) is { } refusal)
        {
            LogRefused(loggers.CreateLogger(Category), id, refusal);
            return (null, null);
        }

        return (found, null);
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteAsync(
        NpgsqlDataSource db, ClipRemoval removal, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (!ResourceId.IsValid(id))
        {
            return Problems.Invalid("id", ResourceId.Rule);
        }

        var found = await ClipCatalog.FindAsync(db, id, SiteScope.Of(user), cancellationToken);
        return found is not null && await removal.RemoveAsync(found.Location, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static void OptionalId(FieldErrors errors, string field, string? value)
    {
        if (value is not null && !ResourceId.IsValid(value))
        {
            errors.Add(field, ResourceId.Rule);
        }
    }

    /// <summary>The saved file's name: the clip id (a safe <see cref="ResourceId"/>) and the extension of a known container.</summary>
    private static string DownloadName(Clip clip) => clip.Container is "mp4" or "mkv" ? $"{clip.Id}.{clip.Container}" : clip.Id;

    /// <summary>The container names the edge agent writes (see EdgeAgent ClipKeys.ContentType).</summary>
    private static string ContentType(string container) => container switch
    {
        "mp4" => "video/mp4",
        "mkv" => "video/x-matroska",
        _ => "application/octet-stream",
    };

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Clip {ClipId} not served: its catalog row is unsafe ({Reason})")]
    private static partial void LogRefused(ILogger logger, string clipId, string reason);
}
