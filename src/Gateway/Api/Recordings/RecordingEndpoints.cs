using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Api.Cameras;
using Platform.Gateway.Http;
using Platform.Gateway.Messaging;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Orleans;
using Platform.Grains.Interfaces.Grains;

namespace Platform.Gateway.Api.Recordings;

/// <summary>
/// Manual recording start and stop (calls to the camera grain, answered 202 once the grain has stored the session
/// and its command is on its way to the edge) and the recording sessions listing.
/// </summary>
public static class RecordingEndpoints
{
    private const string NotRecorded = "503: the cluster is unavailable and nothing changed; repeat the request.";

    private const string Columns = "id, camera_id, status, start_at, end_at, max_end_at, rule_id, sensor_id, reason, container, extensions, close_reason, updated_at, rule_ids";

    public static void MapRecordingEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/cameras/{id}/recordings", StartAsync).WithTags("Recordings").RequireAuthorization(Policies.Write)
            .WithSummary("Starts a manual recording: the camera grain opens a session (pre-roll from the edge cache) and commands the edge.")
            .WithDescription("The body is optional: `durationSeconds` 1 to 3600 (default 30), `preRollSeconds` 0 to 600 (default 5), `container` "
                + $"mp4 (default) or mkv. 202 names the session. {NotRecorded}");
        api.MapPost("/cameras/{id}/recordings/stop", StopAsync).WithTags("Recordings").RequireAuthorization(Policies.Write)
            .WithSummary("Ends the camera's open session now; answers with the session it ended, if any.")
            .WithDescription($"202 with `sessionId` null: the camera had no open session. {NotRecorded}");
        api.MapGet("/recordings", ListAsync).WithTags("Recordings")
            .WithSummary("Recording sessions, newest first, filtered by site, camera, rule, status and start time.")
            .WithDescription($"`from` is inclusive, `to` exclusive. {PageRequest.Paging}");
        api.MapGet("/recordings/{id}", GetAsync).WithTags("Recordings").WithSummary("One recording session.");
    }

    private static async Task<Results<Accepted<RecordingAccepted>, ValidationProblem, NotFound, ProblemHttpResult>> StartAsync(
        NpgsqlDataSource db, IGrainFactory grains, ClusterConnection cluster, TimeProvider clock, ClaimsPrincipal user, string id, RecordingInput? input, CancellationToken cancellationToken)
    {
        input ??= new RecordingInput(null, null, null);
        var errors = new FieldErrors();
        if (input.DurationSeconds is < 1 or > 3600)
        {
            errors.Add("durationSeconds", "Between 1 and 3600.");
        }

        if (input.PreRollSeconds is < 0 or > 600)
        {
            errors.Add("preRollSeconds", "Between 0 and 600.");
        }

        if (input.Container is not (null or RecordAction.Mp4 or RecordAction.Mkv))
        {
            errors.Add("container", "mp4 or mkv.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await CameraEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var session = SessionId.From($"ses-manual-{Guid.NewGuid():N}");
        var duration = TimeSpan.FromSeconds(input.DurationSeconds ?? 30);
        var preRoll = TimeSpan.FromSeconds(input.PreRollSeconds ?? 5);
        SessionId started;
        try
        {
            cluster.ThrowIfNotJoined();
            started = await grains.GetGrain<ICameraGrain>(id).StartRecording(new RecordRequested
            {
                CameraId = new CameraId(id),
                TriggeredAt = now,
                PreRoll = preRoll,
                PostRoll = duration,
                MaxSession = preRoll + duration,
                Container = input.Container ?? RecordAction.Mp4,
                Reason = $"manual by {user.Identity?.Name}",
                RequestedSessionId = session,
            }).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (ClusterCalls.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            return Unavailable("started");
        }

        // The session the grain opened (it is the requested one: the grain refuses a manual request without it).
        return TypedResults.Accepted($"/api/recordings/{started}", new RecordingAccepted(id, started.Value, now));
    }

    private static async Task<Results<Accepted<RecordingAccepted>, NotFound, ProblemHttpResult>> StopAsync(
        NpgsqlDataSource db, IGrainFactory grains, ClusterConnection cluster, TimeProvider clock, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (await CameraEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        SessionId? stopped;
        try
        {
            cluster.ThrowIfNotJoined();
            stopped = await grains.GetGrain<ICameraGrain>(id).StopRecording(new StopRecordingRequested
            {
                CameraId = new CameraId(id),
                RequestedAt = now,
                Reason = $"stopped by {user.Identity?.Name}",
                RequestId = $"stop-{Guid.NewGuid():N}",
            }).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (ClusterCalls.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            return Unavailable("stopped");
        }

        return TypedResults.Accepted(stopped is { } session ? $"/api/recordings/{session}" : null, new RecordingAccepted(id, stopped?.Value, now));
    }

    private static ProblemHttpResult Unavailable(string what) => TypedResults.Problem(
        $"The recording was not {what}: the cluster is unavailable. Repeat the request.",
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cluster unavailable");

    private static async Task<Results<Ok<Page<Recording>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? siteId, string? cameraId, string? ruleId, string? status, DateTimeOffset? from, DateTimeOffset? to,
        string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ByTime(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.ListAsync(
            $"""
            SELECT {Columns} FROM recording_sessions s
            WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = s.camera_id AND c.site_id = $1))
              AND ($10::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = s.camera_id AND c.site_id = $10))
              AND ($2::text IS NULL OR camera_id = $2) AND ($3::text IS NULL OR rule_id = $3) AND ($4::text IS NULL OR status = $4)
              AND ($5::timestamptz IS NULL OR start_at >= $5) AND ($6::timestamptz IS NULL OR start_at < $6)
              AND ($7::timestamptz IS NULL OR (start_at, id) < ($7, $8))
            ORDER BY start_at DESC, id DESC LIMIT $9
            """,
            Read, cancellationToken, SiteScope.Of(user), cameraId, ruleId, status, from, to, after?.At, after?.Id, size + 1, siteId);
        return TypedResults.Ok(PageRequest.From(rows, size, r => Cursor.Encode(r.StartAt, r.Id)));
    }

    private static async Task<Results<Ok<Recording>, NotFound>> GetAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        var rows = await db.ListAsync(
            $"""
            SELECT {Columns} FROM recording_sessions s
            WHERE id = $2 AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = s.camera_id AND c.site_id = $1))
            """,
            Read, cancellationToken, SiteScope.Of(user), id);
        return rows.Count == 1 ? TypedResults.Ok(rows[0]) : TypedResults.NotFound();
    }

    private static Recording Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.Time(3), r.Time(4), r.Time(5), r.NullableString(6), r.GetFieldValue<string[]>(13), r.NullableString(7),
        r.NullableString(8), r.GetString(9), r.GetInt32(10), r.NullableString(11), r.Time(12));
}
