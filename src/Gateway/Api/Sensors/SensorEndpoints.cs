using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using Platform.Gateway.Api.Cameras;
using Platform.Gateway.Http;
using Platform.Gateway.Messaging;
using Platform.Gateway.Security;
using Platform.Gateway.Storage;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using RuleValidator = Platform.Grains.Rules.RuleValidator;

namespace Platform.Gateway.Api.Sensors;

/// <summary>/api/sensors: CRUD; zones and lines are checked by the silo's rule validator. Writes tell the sensor grain to reload.</summary>
public static class SensorEndpoints
{
    private const string Columns = "id, site_id, camera_id, name, frame_width, frame_height, zones::text, lines::text, created_at, updated_at";

    private const string Frame =
        "`frameWidth` × `frameHeight` is the frame the sensor's coordinates are in (DeepStream's streammux width and height; "
        + "1920 × 1080 when left out): a zone or line point outside it is a 400 naming the point.";

    public static void MapSensorEndpoints(this RouteGroupBuilder api)
    {
        var sensors = api.MapGroup("/sensors").WithTags("Sensors");
        sensors.MapGet("/", ListAsync).WithSummary("Sensors, by id, filtered by site and camera.").WithDescription(PageRequest.Paging);
        sensors.MapGet("/{id}", GetAsync).WithSummary("One sensor, with its zones and lines.");
        sensors.MapPost("/", CreateAsync).RequireAuthorization(Policies.Write)
            .WithSummary("Creates a sensor; its zones and lines are checked as the silo checks them, every invalid field named in one 400.")
            .WithDescription($"{Frame} 409: a sensor with this id exists. {ConfigNotifier.Unapplied}");
        sensors.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Write)
            .WithSummary("Replaces a sensor's site, camera, name, frame, zones and lines (not its id); the sensor grain reloads them.")
            .WithDescription($"{Frame} {ConfigNotifier.Unapplied}");
        sensors.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Write)
            .WithSummary("Deletes a sensor.")
            .WithDescription(ConfigNotifier.Unapplied);
    }

    private static async Task<Results<Ok<Page<Sensor>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, string? siteId, string? cameraId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (size, after, problem) = PageRequest.ById(cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.ListAsync(
            $"""
            SELECT {Columns} FROM sensors
            WHERE ($1::text IS NULL OR id > $1) AND ($2::text IS NULL OR site_id = $2) AND ($3::text IS NULL OR site_id = $3)
              AND ($4::text IS NULL OR camera_id = $4)
            ORDER BY id LIMIT $5
            """,
            Read, cancellationToken, after, SiteScope.Of(user), siteId, cameraId, size + 1);
        return TypedResults.Ok(PageRequest.From(rows, size, s => Cursor.Encode(s.Id)));
    }

    private static async Task<Results<Ok<Sensor>, NotFound>> GetAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        await FindAsync(db, user, id, cancellationToken) is { } sensor ? TypedResults.Ok(sensor) : TypedResults.NotFound();

    private static async Task<Results<Created<Sensor>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, SensorInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().RequireId("id", input.Id);
        var siteId = await CheckAsync(db, user, input, errors, cancellationToken);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var rows = await db.ListAsync(
            $"""
            INSERT INTO sensors (id, site_id, camera_id, name, zones, lines, frame_width, frame_height) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (id) DO NOTHING RETURNING {Columns}
            """,
            Read, cancellationToken, input.Id, siteId, input.CameraId, input.Name, ZonesJson(input), LinesJson(input), input.Width, input.Height);
        if (rows.Count == 0)
        {
            return Problems.Conflict($"Sensor '{input.Id}' exists.");
        }

        return await notifier.NotifyAsync([GrainKey.ForSensor(new SensorId(input.Id!))], $"sensor {input.Id} created", cancellationToken) is { } failed
            ? failed
            : TypedResults.Created($"/api/sensors/{input.Id}", rows[0]);
    }

    private static async Task<Results<Ok<Sensor>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, SensorInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (input.Id is not null && input.Id != id)
        {
            errors.Add("id", "Differs from the id in the path; ids cannot change.");
        }

        var siteId = await CheckAsync(db, user, input with { Id = id }, errors, cancellationToken);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var rows = await db.ListAsync(
            $"""
            UPDATE sensors SET site_id = $2, camera_id = $3, name = $4, zones = $5, lines = $6, frame_width = $8, frame_height = $9, updated_at = now()
            WHERE id = $1 AND ($7::text IS NULL OR site_id = $7) RETURNING {Columns}
            """,
            Read, cancellationToken, id, siteId, input.CameraId, input.Name, ZonesJson(input), LinesJson(input), SiteScope.Of(user), input.Width, input.Height);
        if (rows.Count == 0)
        {
            return TypedResults.NotFound();
        }

        return await notifier.NotifyAsync([GrainKey.ForSensor(new SensorId(id))], $"sensor {id} updated", cancellationToken) is { } failed
            ? failed
            : TypedResults.Ok(rows[0]);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        NpgsqlDataSource db, ConfigNotifier notifier, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (await db.ExecuteAsync("DELETE FROM sensors WHERE id = $1 AND ($2::text IS NULL OR site_id = $2)", cancellationToken, id, SiteScope.Of(user)) == 0)
        {
            return TypedResults.NotFound();
        }

        return await notifier.NotifyAsync([GrainKey.ForSensor(new SensorId(id))], $"sensor {id} deleted", cancellationToken) is { } failed
            ? failed
            : TypedResults.NoContent();
    }

    /// <summary>Every field problem of the body; returns the site it belongs to.</summary>
    private static async Task<string?> CheckAsync(NpgsqlDataSource db, ClaimsPrincipal user, SensorInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.RequireText("name", input.Name);
        var siteId = await SiteLookup.ResolveAsync(db, user, input.SiteId, errors, cancellationToken);
        var knownCameras = new HashSet<CameraId>();
        if (input.CameraId is { } cameraId && await CameraEndpoints.FindAsync(db, user, cameraId, cancellationToken) is not null)
        {
            knownCameras.Add(new CameraId(cameraId));
        }

        var config = new SensorConfig
        {
            SensorId = new SensorId(input.Id ?? ""),
            CameraId = input.CameraId is null ? null : new CameraId(input.CameraId),
            FrameWidth = input.Width,
            FrameHeight = input.Height,
            Zones = input.Zones ?? [],
            Lines = input.Lines ?? [],
        };
        foreach (var problem in RuleValidator.ValidateSensor(config, knownCameras).Where(p => p.Path != "sensorId"))
        {
            errors.Add(problem.Path, problem.Message);
        }

        return siteId;
    }

    /// <summary>The sensor when it exists and the caller may see it.</summary>
    public static async Task<Sensor?> FindAsync(NpgsqlDataSource db, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        (await db.ListAsync($"SELECT {Columns} FROM sensors WHERE id = $1 AND ($2::text IS NULL OR site_id = $2)", Read, cancellationToken, id, SiteScope.Of(user)))
            .SingleOrDefault();

    private static NpgsqlParameter ZonesJson(SensorInput input) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(input.Zones ?? [], RulesJsonContext.Default.IReadOnlyListZone) };

    private static NpgsqlParameter LinesJson(SensorInput input) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(input.Lines ?? [], RulesJsonContext.Default.IReadOnlyListLine) };

    private static Sensor Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.NullableString(1), r.NullableString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5),
        JsonSerializer.Deserialize(r.GetString(6), RulesJsonContext.Default.IReadOnlyListZone) ?? [],
        JsonSerializer.Deserialize(r.GetString(7), RulesJsonContext.Default.IReadOnlyListLine) ?? [],
        r.Time(8), r.Time(9));
}
