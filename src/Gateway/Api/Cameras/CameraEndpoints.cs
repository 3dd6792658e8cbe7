using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Api.Agents;
using Platform.Gateway.Http;
using Platform.Gateway.Messaging;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Orleans;
using Platform.Grains.Interfaces.Grains;

namespace Platform.Gateway.Api.Cameras;

/// <summary>
/// /api/cameras: CRUD and live status (from the camera grain). Writes tell the camera grain to reload its configuration
/// and the agent grains concerned to send their agents the new camera set.
/// </summary>
public static class CameraEndpoints
{
    private const string Columns =
        "id, site_id, name, device_sensor_id, source_url, retention_days, retention_bytes, created_at, updated_at, agent_id, rtsp_username, " +
        "rtsp_password IS NOT NULL, continuous, container, cache_seconds, cache_bytes, segment_seconds, continuous_retention_days, continuous_retention_bytes";

    // Every camera write moves the version of the agents it concerns (the old one too, when it moved), in the same statement.
    private const string BumpAgents = "UPDATE edge_agents SET config_version = config_version + 1 WHERE id IN";

    public static void MapCameraEndpoints(this RouteGroupBuilder api)
    {
        var cameras = api.MapGroup("/cameras").WithTags("Cameras");
        cameras.MapGet("/", ListAsync).WithSummary("Cameras, by id, filtered by site.").WithDescription(PageRequest.Paging);
        cameras.MapGet("/{id}", GetAsync).WithSummary("One camera.");
        cameras.MapGet("/{id}/status", StatusAsync)
            .WithSummary("What the camera grain knows now: online, last heartbeat, edge agent, recording, cached seconds, open session.")
            .WithDescription("When the cluster cannot be reached: the last stored status, with `changedAt` set (null in a live answer). "
                + "A camera that never reported is offline with nothing else set.");
        cameras.MapGet("/{id}/edge", EdgeStateAsync)
            .WithSummary("Desired against actual at the edge: the camera's agent and configuration version, what the agent reported, and why it does not record when it does not.");
        cameras.MapPost("/", CreateAsync).RequireAuthorization(Policies.Write)
            .WithSummary("Creates a camera; every invalid field is named in one 400.")
            .WithDescription($"409: a camera with this id exists. {ConfigNotifier.Unapplied}");
        cameras.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Write)
            .WithSummary("Replaces a camera's settings (not its id); the camera grain reloads them.")
            .WithDescription(ConfigNotifier.Unapplied);
        cameras.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Write)
            .WithSummary("Deletes a camera.")
            .WithDescription($"409: sensors are still linked to it. {ConfigNotifier.Unapplied}");
    }

    private static async Task<Results<Ok<Page<Camera>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? siteId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ById(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.ListAsync(
            $"""
            SELECT {Columns} FROM cameras
            WHERE ($1::text IS NULL OR id > $1) AND ($2::text IS NULL OR site_id = $2) AND ($3::text IS NULL OR site_id = $3)
            ORDER BY id LIMIT $4
            """,
            Read, cancellationToken, after, SiteScope.Of(user), siteId, size + 1);
        return TypedResults.Ok(PageRequest.From(rows, size, c => Cursor.Encode(c.Id)));
    }

    private static async Task<Results<Ok<Camera>, NotFound>> GetAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        await FindAsync(db, user, id, cancellationToken) is { } camera ? TypedResults.Ok(camera) : TypedResults.NotFound();

    /// <summary>What the camera grain knows now; the last stored status row when the cluster cannot be reached.</summary>
    private static async Task<Results<Ok<CameraStatus>, NotFound>> StatusAsync(
        NpgsqlDataSource db, IGrainFactory grains, ClusterConnection cluster, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            cluster.ThrowIfNotJoined();
            var live = await grains.GetGrain<ICameraGrain>(id).GetLiveState().WaitAsync(cancellationToken);
            return TypedResults.Ok(new CameraStatus(id, live.Online, live.LastHeartbeatAt, live.AgentId, live.Connected, live.Recording,
                live.CacheSeconds, live.OpenSessionId?.Value, null));
        }
        catch (Exception e) when (ClusterCalls.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            var rows = await db.ListAsync(
                """
                SELECT camera_id, online, last_heartbeat_at, agent_id, connected, recording, cache_seconds, open_session_id, changed_at
                FROM camera_status WHERE camera_id = $1
                """,
                r => new CameraStatus(r.GetString(0), r.GetBoolean(1), r.NullableTime(2), r.NullableString(3), r.GetBoolean(4), r.GetBoolean(5),
                    r.GetDouble(6), r.NullableString(7), r.Time(8)),
                cancellationToken, id);
            // No heartbeat yet: the camera is known but nothing has reported it.
            return TypedResults.Ok(rows.SingleOrDefault() ?? new CameraStatus(id, false, null, null, false, false, 0, null, null));
        }
    }

    private static async Task<Results<Ok<CameraEdgeState>, NotFound>> EdgeStateAsync(
        NpgsqlDataSource db, TimeProvider clock, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, user, id, cancellationToken) is not { } camera)
        {
            return TypedResults.NotFound();
        }

        var desired = camera.AgentId is null
            ? null
            : (await db.ListAsync("SELECT config_version FROM edge_agents WHERE id = $1", r => r.GetInt64(0), cancellationToken, camera.AgentId))
                .Cast<long?>().SingleOrDefault();
        var (reportedBy, report) = await AgentReports.ForCameraAsync(db, id, camera.AgentId, cancellationToken);
        return TypedResults.Ok(CameraEdgeDiagnosis.Diagnose(id, camera.AgentId, camera.Continuous, desired, reportedBy, report, clock.GetUtcNow()));
    }

    private static async Task<Results<Created<Camera>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, CameraInput input, CancellationToken cancellationToken)
    {
        var errors = CameraValidation.Check(input, new FieldErrors().RequireId("id", input.Id));
        var siteId = await SiteLookup.ResolveAsync(db, user, input.SiteId, errors, cancellationToken);
        await AgentLookup.CheckAsync(db, input.AgentId, siteId, errors, cancellationToken);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var rows = await db.ListAsync(
            $"""
            WITH inserted AS (
                INSERT INTO cameras (id, site_id, name, device_sensor_id, source_url, retention_days, retention_bytes, agent_id, rtsp_username,
                                     rtsp_password, continuous, container, cache_seconds, cache_bytes, segment_seconds,
                                     continuous_retention_days, continuous_retention_bytes)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULLIF($10, ''), $11, $12, $13, $14, $15, $16, $17)
                ON CONFLICT (id) DO NOTHING RETURNING *),
            bumped AS ({BumpAgents} (SELECT agent_id FROM inserted))
            SELECT {Columns} FROM inserted
            """,
            Read, cancellationToken, input.Id, siteId, input.Name, input.DeviceSensorId, input.SourceUrl, input.RetentionDays, input.RetentionBytes,
            input.AgentId, input.RtspUsername, input.RtspPassword, input.Continuous, input.Container, input.CacheSeconds, input.CacheBytes,
            input.SegmentSeconds, input.ContinuousRetentionDays, input.ContinuousRetentionBytes);
        if (rows.Count == 0)
        {
            return Problems.Conflict($"Camera '{input.Id}' exists.");
        }

        var camera = rows[0];
        return await notifier.NotifyAsync(Concerned(camera.Id, camera.AgentId), $"camera {camera.Id} created", cancellationToken) is { } failed
            ? failed
            : TypedResults.Created($"/api/cameras/{camera.Id}", camera);
    }

    private static async Task<Results<Ok<Camera>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, CameraInput input, CancellationToken cancellationToken)
    {
        var errors = CameraValidation.Check(input, new FieldErrors());
        if (input.Id is not null && input.Id != id)
        {
            errors.Add("id", "Differs from the id in the path; ids cannot change.");
        }

        var siteId = await SiteLookup.ResolveAsync(db, user, input.SiteId, errors, cancellationToken);
        await AgentLookup.CheckAsync(db, input.AgentId, siteId, errors, cancellationToken);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        // The password: null keeps the stored one, "" removes it. The old agent comes from the statement's snapshot (all of
        // a WITH sees the row as it was), so a camera moved between agents makes both send their new camera sets. No
        // FOR UPDATE there: a row locked in a WITH and updated by the same statement reads as no row.
        var rows = await db.ListAsync(
            $"""
            WITH old AS (SELECT agent_id FROM cameras WHERE id = $1 AND ($8::text IS NULL OR site_id = $8)),
            updated AS (
                UPDATE cameras SET site_id = $2, name = $3, device_sensor_id = $4, source_url = $5, retention_days = $6, retention_bytes = $7,
                    agent_id = $9, rtsp_username = $10,
                    rtsp_password = CASE WHEN $11::text IS NULL THEN rtsp_password ELSE NULLIF($11, '') END,
                    continuous = $12, container = $13, cache_seconds = $14, cache_bytes = $15, segment_seconds = $16,
                    continuous_retention_days = $17, continuous_retention_bytes = $18, updated_at = now()
                WHERE id = $1 AND ($8::text IS NULL OR site_id = $8) RETURNING *),
            bumped AS ({BumpAgents} (SELECT agent_id FROM old UNION SELECT agent_id FROM updated) RETURNING id)
            SELECT {Columns}, ARRAY(SELECT id FROM bumped) FROM updated
            """,
            r => (Camera: Read(r), Agents: r.GetFieldValue<string[]>(19)), cancellationToken,
            id, siteId, input.Name, input.DeviceSensorId, input.SourceUrl, input.RetentionDays, input.RetentionBytes, SiteScope.Of(user),
            input.AgentId, input.RtspUsername, input.RtspPassword, input.Continuous, input.Container, input.CacheSeconds, input.CacheBytes,
            input.SegmentSeconds, input.ContinuousRetentionDays, input.ContinuousRetentionBytes);
        if (rows.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var (camera, agents) = rows[0];
        return await notifier.NotifyAsync(Concerned(id, agents), $"camera {id} updated", cancellationToken) is { } failed
            ? failed
            : TypedResults.Ok(camera);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        string[] agents;
        try
        {
            var rows = await db.ListAsync(
                $"""
                WITH deleted AS (DELETE FROM cameras WHERE id = $1 AND ($2::text IS NULL OR site_id = $2) RETURNING agent_id),
                bumped AS ({BumpAgents} (SELECT agent_id FROM deleted) RETURNING id)
                SELECT (SELECT count(*) FROM deleted), ARRAY(SELECT id FROM bumped)
                """,
                r => (Deleted: r.GetInt64(0), Agents: r.GetFieldValue<string[]>(1)), cancellationToken, id, SiteScope.Of(user));
            if (rows[0].Deleted == 0)
            {
                return TypedResults.NotFound();
            }

            agents = rows[0].Agents;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return Problems.Conflict($"Camera '{id}' is still linked to sensors.");
        }

        return await notifier.NotifyAsync(Concerned(id, agents), $"camera {id} deleted", cancellationToken) is { } failed
            ? failed
            : TypedResults.NoContent();
    }

    /// <summary>The grains a camera change concerns: the camera's, and the agents' that record (or recorded) it.</summary>
    private static IEnumerable<GrainKey> Concerned(string cameraId, params IEnumerable<string?> agentIds) =>
        [GrainKey.ForCamera(new CameraId(cameraId)), .. agentIds.OfType<string>().Select(GrainKey.ForAgent)];

    /// <summary>The camera when it exists and the caller may see it.</summary>
    public static async Task<Camera?> FindAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        (await db.ListAsync($"SELECT {Columns} FROM cameras WHERE id = $1 AND ($2::text IS NULL OR site_id = $2)", Read, cancellationToken, id, SiteScope.Of(user)))
            .SingleOrDefault();

    private static Camera Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.NullableString(1), r.GetString(2), r.NullableString(3), r.NullableString(4),
        r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInt64(6), r.Time(7), r.Time(8),
        r.NullableString(9), r.NullableString(10), r.GetBoolean(11), r.GetBoolean(12), r.NullableString(13),
        r.IsDBNull(14) ? null : r.GetDouble(14), r.IsDBNull(15) ? null : r.GetInt64(15), r.IsDBNull(16) ? null : r.GetDouble(16),
        r.IsDBNull(17) ? null : r.GetInt32(17), r.IsDBNull(18) ? null : r.GetInt64(18));
}
