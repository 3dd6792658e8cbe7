using Npgsql;

namespace Platform.BrowserTests;

/// <summary>
/// Rows and objects the UI shows, written straight into the gateway's database and bucket: the tests exercise the
/// UI, not the endpoints that create cameras or the edge agent that uploads clips.
/// </summary>
internal static class Seed
{
    public static Task SiteAsync(GatewayHost host, string id, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO sites (id, name) VALUES ($1, $2)", id, name);

    public static Task CameraAsync(GatewayHost host, string id, string siteId, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO cameras (id, site_id, name) VALUES ($1, $2, $3)", id, siteId, name);

    /// <summary>A registered edge agent that has not reported yet (its config key is made up: the UI never shows a stored one).</summary>
    public static Task AgentAsync(GatewayHost host, string id, string siteId, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO edge_agents (id, site_id, name, config_key) VALUES ($1, $2, $3, $4)", id, siteId, name, "seeded-key");

    public static Task SensorAsync(GatewayHost host, string id, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO sensors (id, name) VALUES ($1, $2)", id, name);

    public static Task SensorAsync(GatewayHost host, string id, string siteId, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO sensors (id, site_id, name) VALUES ($1, $2, $3)", id, siteId, name);

    /// <summary>A sensor with zones and lines (JSON arrays as the API takes them), linked to <paramref name="cameraId"/> when given.</summary>
    public static Task SensorAsync(GatewayHost host, string id, string siteId, string name, string zones, string lines, string? cameraId = null) =>
        ExecuteAsync(host.Database, "INSERT INTO sensors (id, site_id, name, zones, lines, camera_id) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6)",
            id, siteId, name, zones, lines, (object?)cameraId ?? DBNull.Value);

    /// <summary>One minute's counts of a class in a zone (or, kind "line", crossings of a line), as the sensor grains write them.</summary>
    public static Task CountAsync(
        GatewayHost host, string sensorId, string zoneId, string className, DateTimeOffset minute, int entries, int exits, int maxPresent, string kind = "zone") =>
        ExecuteAsync(host.Database,
            "INSERT INTO traffic_counts (sensor_id, zone_id, class, minute, entries, exits, max_present, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            sensorId, zoneId, className, minute, entries, exits, maxPresent, kind);

    /// <summary>An enabled rule alerting when a device reports an "entry" event on <paramref name="sensorId"/>.</summary>
    public static Task RuleAsync(GatewayHost host, string id, string name, string sensorId) =>
        ExecuteAsync(host.Database, "INSERT INTO rules (id, name, enabled, sensor_ids, definition) VALUES ($1, $2, true, ARRAY[$3], $4::jsonb)",
            id, name, sensorId,
            $$"""{"id":"{{id}}","name":"{{name}}","sensorIds":["{{sensorId}}"],"condition":{"type":"event-type","eventTypes":["entry"]},"actions":[]}""");

    /// <summary>An alert as the silo writes it: rule "door-rule" fired on the camera's sensor at <paramref name="at"/>.</summary>
    public static Task AlertAsync(GatewayHost host, string id, string cameraId, DateTimeOffset at) =>
        ExecuteAsync(host.Database, """
            INSERT INTO alerts (id, rule_id, rule_name, severity, message, sensor_id, camera_id, object_ids, occurred_at, trigger_message_id, payload)
            VALUES ($1, 'door-rule', 'Person at the door', 'warning', 'Person 7 entered Door', 'sensor-1', $2, ARRAY['7'], $3, 'm-1', '{}')
            """, id, cameraId, at);

    /// <summary>A recording session as the silo writes it: 15 s from <paramref name="start"/>, opened by <paramref name="ruleId"/> (null: manual).</summary>
    public static Task RecordingAsync(GatewayHost host, string id, string cameraId, string status, DateTimeOffset start, string? ruleId) =>
        ExecuteAsync(host.Database, """
            INSERT INTO recording_sessions (id, camera_id, status, start_at, end_at, max_end_at, rule_id, rule_ids, reason, container, extensions)
            VALUES ($1, $2, $3, $4, $4 + interval '15 seconds', $4 + interval '5 minutes', $5, $6, $7, 'mp4', 0)
            """, id, cameraId, status, start, ruleId ?? (object)DBNull.Value, ruleId is null ? Array.Empty<string>() : [ruleId], ruleId is null ? "manual by test" : DBNull.Value);

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql, params object[] arguments)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        await command.ExecuteNonQueryAsync();
    }
}
