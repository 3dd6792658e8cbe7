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

    public static Task SensorAsync(GatewayHost host, string id, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO sensors (id, name) VALUES ($1, $2)", id, name);

    public static Task SensorAsync(GatewayHost host, string id, string siteId, string name) =>
        ExecuteAsync(host.Database, "INSERT INTO sensors (id, site_id, name) VALUES ($1, $2, $3)", id, siteId, name);

    /// <summary>A sensor linked to <paramref name="cameraId"/>, with one square zone from (0, 0) to (100, 100) in its 1920×1080 frame.</summary>
    public static Task SensorWithZoneAsync(GatewayHost host, string id, string siteId, string cameraId, string name, string zoneId, string zoneName) =>
        ExecuteAsync(host.Database, "INSERT INTO sensors (id, site_id, camera_id, name, zones) VALUES ($1, $2, $3, $4, $5::jsonb)",
            id, siteId, cameraId, name,
            $$"""[{"id":"{{zoneId}}","name":"{{zoneName}}","polygon":[{"x":0,"y":0},{"x":100,"y":0},{"x":100,"y":100},{"x":0,"y":100}]}]""");

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
