using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Messaging;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Orleans;
using Platform.Grains.Interfaces.Grains;

namespace Platform.Gateway.Api.Cameras;

/// <summary>/api/cameras: CRUD and live status (from the camera grain). Writes tell the camera grain to reload its configuration.</summary>
public static class CameraEndpoints
{
    private const string Columns = "id, site_id, name, device_sensor_id, source_url, retention_days, retention_bytes, created_at, updated_at";

    public static void MapCameraEndpoints(this RouteGroupBuilder api)
    {
        var cameras = api.MapGroup("/cameras").WithTags("Cameras");
        cameras.MapGet("/", ListAsync).WithSummary("Cameras, by id, filtered by site.").WithDescription(PageRequest.Paging);
        cameras.MapGet("/{id}", GetAsync).WithSummary("One camera.");
        cameras.MapGet("/{id}/status", StatusAsync)
            .WithSummary("What the camera grain knows now: online, last heartbeat, edge agent, recording, cached seconds, open session.")
            .WithDescription("When the cluster cannot be reached: the last stored status, with `changedAt` set (null in a live answer). "
                + "A camera that never reported is offline with nothing else set.");
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

    private static async Task<Results<Created<Camera>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, CameraInput input, CancellationToken cancellationToken)
    {
        var errors = CameraValidation.Check(input, new FieldErrors().RequireId("id", input.Id));
        var siteId = await SiteLookup.ResolveAsync(db, user, input.SiteId, errors, cancellationToken);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var rows = await db.ListAsync(
            $"""
            INSERT INTO cameras (id, site_id, name, device_sensor_id, source_url, retention_days, retention_bytes)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING {Columns}
            """,
            Read, cancellationToken, input.Id, siteId, input.Name, input.DeviceSensorId, input.SourceUrl, input.RetentionDays, input.RetentionBytes);
        if (rows.Count == 0)
        {
            return Problems.Conflict($"Camera '{input.Id}' exists.");
        }

        return await notifier.NotifyAsync([GrainKey.ForCamera(new CameraId(rows[0].Id))], $"camera {rows[0].Id} created", cancellationToken) is { } failed
            ? failed
            : TypedResults.Created($"/api/cameras/{rows[0].Id}", rows[0]);
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
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var rows = await db.ListAsync(
            $"""
            UPDATE cameras SET site_id = $2, name = $3, device_sensor_id = $4, source_url = $5, retention_days = $6, retention_bytes = $7, updated_at = now()
            WHERE id = $1 AND ($8::text IS NULL OR site_id = $8) RETURNING {Columns}
            """,
            Read, cancellationToken, id, siteId, input.Name, input.DeviceSensorId, input.SourceUrl, input.RetentionDays, input.RetentionBytes, SiteScope.Of(user));
        if (rows.Count == 0)
        {
            return TypedResults.NotFound();
        }

        return await notifier.NotifyAsync([GrainKey.ForCamera(new CameraId(id))], $"camera {id} updated", cancellationToken) is { } failed
            ? failed
            : TypedResults.Ok(rows[0]);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        try
        {
            if (await db.ExecuteAsync("DELETE FROM cameras WHERE id = $1 AND ($2::text IS NULL OR site_id = $2)", cancellationToken, id, SiteScope.Of(user)) == 0)
            {
                return TypedResults.NotFound();
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return Problems.Conflict($"Camera '{id}' is still linked to sensors.");
        }

        return await notifier.NotifyAsync([GrainKey.ForCamera(new CameraId(id))], $"camera {id} deleted", cancellationToken) is { } failed
            ? failed
            : TypedResults.NoContent();
    }

    /// <summary>The camera when it exists and the caller may see it.</summary>
    public static async Task<Camera?> FindAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        (await db.ListAsync($"SELECT {Columns} FROM cameras WHERE id = $1 AND ($2::text IS NULL OR site_id = $2)", Read, cancellationToken, id, SiteScope.Of(user)))
            .SingleOrDefault();

    private static Camera Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.NullableString(1), r.GetString(2), r.NullableString(3), r.NullableString(4),
        r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInt64(6), r.Time(7), r.Time(8));
}
