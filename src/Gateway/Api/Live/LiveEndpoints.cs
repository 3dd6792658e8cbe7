using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Orleans;
using Platform.Gateway.Api.Cameras;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Http;
using Platform.Gateway.Messaging;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Grains;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Gateway.Api.Live;

/// <summary>
/// /api/cameras/{id}/live: on-demand live view. Watching asks the camera grain, which starts the camera's edge stream
/// for its first viewer and stops it after the last; the stream's HLS files are read from the object store through
/// here, for callers who may see the camera's site and only for the stream running now, so no URL outlives its
/// stream and no other site's stream can be reached by guessing.
/// </summary>
public static partial class LiveEndpoints
{
    /// <summary>What the player is told: renew well inside the grain's 20 s viewer timeout.</summary>
    public const int RenewAfterSeconds = 8;

    /// <summary>A playlist not rewritten for this long means the stream stalled (segments are 1-2 s).</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(8);

    public static void MapLiveEndpoints(this RouteGroupBuilder api)
    {
        var live = api.MapGroup("/cameras/{id}/live").WithTags("Live view");
        live.MapPost("/", WatchAsync)
            .WithSummary("Watches the camera live: the first viewer starts its edge stream, later ones share it; call again every renewAfterSeconds.")
            .WithDescription("`state`: starting, live, reconnecting or unavailable (with `reason`: the agent is offline or cannot read the camera). "
                + "The stream stops about 20 s after its last viewer stopped renewing, at once when the last one leaves. 503: the cluster is unavailable.");
        live.MapPost("/leave", LeaveAsync)
            .WithSummary("The viewer closed the player: the stream stops when nobody else watches.")
            .WithDescription("Accepts the same body as watching; made for navigator.sendBeacon when a tab closes.");
        live.MapGet("/{streamId}/{file}", FileAsync)
            .WithSummary("A file of the running stream: its HLS playlist (index.m3u8) or a segment named in it.")
            .WithDescription("404 for any stream but the one running now, and for names the agent does not write.");
    }

    private static async Task<Results<Ok<LiveViewAnswer>, ValidationProblem, NotFound, ProblemHttpResult>> WatchAsync(
        NpgsqlDataSource db, IGrainFactory grains, ClusterConnection cluster, IClipObjects objects, TimeProvider clock, ClaimsPrincipal user,
        string id, LiveViewInput input, CancellationToken cancellationToken)
    {
        if (Viewer(user, input, out var viewer) is { } invalid)
        {
            return invalid;
        }

        if (await CameraEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        LiveView view;
        try
        {
            cluster.ThrowIfNotJoined();
            view = await grains.GetGrain<ICameraGrain>(id).WatchLive(viewer).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (ClusterCalls.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            return ClusterUnavailable();
        }

        if (view.StreamId is not { } streamId)
        {
            return TypedResults.Ok(new LiveViewAnswer("unavailable", view.Unavailable, null, null, view.Viewers, RenewAfterSeconds));
        }

        var playlist = await objects.InfoAsync(LiveObjectKeys.Key(CameraId.From(id), streamId, LiveObjectKeys.Playlist), cancellationToken);
        var state = playlist is null ? "starting"
            : playlist.LastModified is { } modified && clock.GetUtcNow() - modified > StaleAfter ? "reconnecting"
            : "live";
        var url = $"/api/cameras/{Uri.EscapeDataString(id)}/live/{streamId}/{LiveObjectKeys.Playlist}";
        return TypedResults.Ok(new LiveViewAnswer(state, null, streamId, url, view.Viewers, RenewAfterSeconds));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> LeaveAsync(
        NpgsqlDataSource db, IGrainFactory grains, ClusterConnection cluster, ClaimsPrincipal user, string id, LiveViewInput input,
        CancellationToken cancellationToken)
    {
        if (Viewer(user, input, out var viewer) is { } invalid)
        {
            return invalid;
        }

        if (await CameraEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            cluster.ThrowIfNotJoined();
            await grains.GetGrain<ICameraGrain>(id).LeaveLive(viewer).WaitAsync(cancellationToken);
            return TypedResults.NoContent();
        }
        catch (Exception e) when (ClusterCalls.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            return ClusterUnavailable();
        }
    }

    private static async Task<Results<EmptyHttpResult, NotFound, ProblemHttpResult>> FileAsync(
        NpgsqlDataSource db, IGrainFactory grains, ClusterConnection cluster, IClipObjects objects, ClaimsPrincipal user, HttpContext http,
        string id, string streamId, string file, CancellationToken cancellationToken)
    {
        if (!LiveObjectKeys.IsLiveFile(file) || await CameraEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            cluster.ThrowIfNotJoined();
            if ((await grains.GetGrain<ICameraGrain>(id).GetLiveView().WaitAsync(cancellationToken)).StreamId != streamId)
            {
                return TypedResults.NotFound();
            }
        }
        catch (Exception e) when (ClusterCalls.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            return ClusterUnavailable();
        }

        var key = LiveObjectKeys.Key(CameraId.From(id), streamId, file);
        if (await objects.InfoAsync(key, cancellationToken) is not { Length: > 0 } info)
        {
            return TypedResults.NotFound(); // not up yet, or already rolled off
        }

        var playlist = file == LiveObjectKeys.Playlist;
        http.Response.ContentType = playlist ? "application/vnd.apple.mpegurl" : "video/mp2t";
        // The playlist changes every segment; a segment never changes but belongs to this caller's session only.
        http.Response.Headers.CacheControl = playlist ? "no-store" : "private, max-age=60";
        http.Response.ContentLength = info.Length;
        await objects.CopyRangeAsync(key, 0, info.Length - 1, http.Response.Body, cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>
    /// The grain's viewer id: the caller's id with the player's, so that callers cannot end each other's viewing and one
    /// caller's two tabs count as two viewers.
    /// </summary>
    private static ValidationProblem? Viewer(ClaimsPrincipal user, LiveViewInput? input, out string viewer)
    {
        viewer = "";
        if (input?.ViewerId is not { } viewerId || !ViewerIdPattern().IsMatch(viewerId))
        {
            return Problems.Invalid(new FieldErrors().Add("viewerId", "Required: 8 to 64 letters, digits, '-' or '_', made up once per player.").ToDictionary());
        }

        viewer = $"{user.Identity?.Name}/{viewerId}";
        return null;
    }

    private static ProblemHttpResult ClusterUnavailable() => TypedResults.Problem(
        "The live view could not be reached: the cluster is unavailable. Try again in a few seconds.",
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cluster unavailable");

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex ViewerIdPattern();
}
