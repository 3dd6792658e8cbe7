using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Platform.GatewayTests.Catalog;

/// <summary>Catalog rows as the silo writes them (alerts, sessions, per-minute counts, camera status), for read-side tests.</summary>
internal static class CatalogSeed
{
    /// <summary>Sites "north" and "south" with one camera each, "cam-n" and "cam-s", made through the API.</summary>
    public static async Task TwoSitesAsync(HttpClient admin)
    {
        await admin.PostAsJsonAsync("/api/sites", new { id = "north", name = "North" });
        await admin.PostAsJsonAsync("/api/sites", new { id = "south", name = "South" });
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-n", siteId = "north", name = "N" });
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-s", siteId = "south", name = "S" });
    }

    /// <summary>The ids of a listing page's items, in order.</summary>
    public static List<string?> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString())];

    public static async Task AlertAsync(
        NpgsqlDataSource db, string id, string cameraId, string sensorId, string ruleId, string className, DateTimeOffset at, string severity = "warning", string zoneId = "door")
    {
        await using var command = db.CreateCommand(
            """
            INSERT INTO alerts (id, rule_id, rule_name, severity, message, sensor_id, camera_id, zone_id, class, object_ids, occurred_at, trigger_message_id, payload)
            VALUES ($1, $2, $2 || ' name', $7, $4 || ' in zone', $3, $5, $8, $4, ARRAY['17'], $6, 'msg-' || $1, '{}')
            """);
        foreach (var value in new object[] { id, ruleId, sensorId, className, cameraId, at, severity, zoneId })
        {
            command.Parameters.Add(new() { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task SessionAsync(NpgsqlDataSource db, string id, string cameraId, string? ruleId, DateTimeOffset start)
    {
        await using var command = db.CreateCommand(
            """
            INSERT INTO recording_sessions (id, camera_id, status, start_at, end_at, max_end_at, rule_id, reason, container, extensions)
            VALUES ($1, $2, 'closed', $3, $3 + interval '15 seconds', $3 + interval '5 minutes', $4, 'test', 'mp4', 0)
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = cameraId });
        command.Parameters.Add(new() { Value = start });
        command.Parameters.Add(new() { Value = (object?)ruleId ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }

    public static async Task CountAsync(
        NpgsqlDataSource db, string sensorId, string zoneId, string className, DateTimeOffset minute, int entries, int exits, int maxPresent, string kind = "zone")
    {
        await using var command = db.CreateCommand(
            "INSERT INTO traffic_counts (sensor_id, zone_id, class, minute, entries, exits, max_present, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        foreach (var value in new object[] { sensorId, zoneId, className, minute, entries, exits, maxPresent, kind })
        {
            command.Parameters.Add(new() { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
