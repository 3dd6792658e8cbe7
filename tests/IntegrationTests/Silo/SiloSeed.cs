using Npgsql;

namespace Platform.IntegrationTests.Silo;

/// <summary>
/// The configuration the gateway would have written for the sample sensor: its camera (whose device name is the
/// DeepStream sensor id), a zone over the whole frame, and a rule recording any person who enters it.
/// </summary>
internal static class SiloSeed
{
    public const string CameraId = "cam-hwy";
    public const string RuleId = "person-in-frame";

    public static async Task SeedAsync(string connectionString, bool migrate = true)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        if (migrate)
        {
            await Platform.Storage.SchemaMigrator.MigrateAsync(dataSource);
        }

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("INSERT INTO sites (id, name) VALUES ('hwy', 'Highway 20')"));
        batch.BatchCommands.Add(new($"INSERT INTO cameras (id, site_id, name, device_sensor_id) VALUES ('{CameraId}', 'hwy', 'Locust EBA', '{DeepStreamSamples.SensorId}')"));
        batch.BatchCommands.Add(new($$"""
            INSERT INTO sensors (id, site_id, camera_id, name, zones) VALUES ('{{DeepStreamSamples.SensorId}}', 'hwy', '{{CameraId}}', 'Locust EBA',
              '[{"id":"frame","name":"Whole frame","polygon":[{"x":0,"y":0},{"x":1920,"y":0},{"x":1920,"y":1080},{"x":0,"y":1080}]}]')
            """));
        batch.BatchCommands.Add(new($$"""
            INSERT INTO rules (id, name, enabled, sensor_ids, definition) VALUES ('{{RuleId}}', 'Person in frame', true, ARRAY['{{DeepStreamSamples.SensorId}}'],
              '{"id":"{{RuleId}}","name":"Person in frame","sensorIds":["{{DeepStreamSamples.SensorId}}"],
                "condition":{"type":"object-in-zone","zoneId":"frame","classes":["Person"],"trigger":"on-enter"},
                "actions":[{"type":"record","cameraId":"{{CameraId}}","preRoll":"00:00:05","postRoll":"00:00:10","maxSession":"00:01:00"},
                           {"type":"alert","severity":"warning","messageTemplate":"{class} {objectId} entered {zone}"}]}')
            """));
        await batch.ExecuteNonQueryAsync();
    }
}
