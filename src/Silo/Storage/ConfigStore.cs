using System.Text.Json;
using Npgsql;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Silo.Storage;

/// <summary>
/// Reads grain configuration (written by the gateway) from PostgreSQL: a sensor's zones, lines, linked camera
/// and enabled rules; a camera's site, name and device name. A sensor or camera nobody configured gets an
/// empty configuration: it is still tracked and counted, it just has no rules.
/// </summary>
public sealed class ConfigStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyDictionary<SensorId, SensorConfig>> LoadSensorsAsync(IReadOnlyCollection<SensorId> ids, CancellationToken cancellationToken)
    {
        var configs = ids.ToDictionary(id => id, id => new SensorConfig { SensorId = id });
        var keys = ids.Select(id => id.Value).ToArray();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Sql.Command("SELECT id, camera_id, zones::text, lines::text FROM sensors WHERE id = ANY($1)", [keys]));
        batch.BatchCommands.Add(Sql.Command("SELECT definition::text FROM rules WHERE enabled AND sensor_ids && $1", [keys]));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = new SensorId(reader.GetString(0));
            configs[id] = configs[id] with
            {
                CameraId = reader.IsDBNull(1) ? null : new CameraId(reader.GetString(1)),
                Zones = JsonSerializer.Deserialize(reader.GetString(2), RulesJsonContext.Default.IReadOnlyListZone) ?? [],
                Lines = JsonSerializer.Deserialize(reader.GetString(3), RulesJsonContext.Default.IReadOnlyListLine) ?? [],
            };
        }

        await reader.NextResultAsync(cancellationToken);
        var rules = new List<Rule>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Add(JsonSerializer.Deserialize(reader.GetString(0), RulesJsonContext.Default.Rule)!);
        }

        foreach (var rule in rules)
        {
            foreach (var sensor in rule.SensorIds.Where(configs.ContainsKey))
            {
                configs[sensor] = configs[sensor] with { Rules = [.. configs[sensor].Rules, rule] };
            }
        }

        return configs;
    }

    public async Task<IReadOnlyDictionary<CameraId, CameraConfig>> LoadCamerasAsync(IReadOnlyCollection<CameraId> ids, CancellationToken cancellationToken)
    {
        var configs = ids.ToDictionary(id => id, id => new CameraConfig { CameraId = id, Name = id.Value });
        await using var command = dataSource.CreateCommand("SELECT id, site_id, name, device_sensor_id FROM cameras WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(id => id.Value).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = new CameraId(reader.GetString(0));
            configs[id] = new CameraConfig
            {
                CameraId = id,
                SiteId = reader.IsDBNull(1) ? null : new SiteId(reader.GetString(1)),
                Name = reader.GetString(2),
                DeviceSensorId = reader.IsDBNull(3) ? null : reader.GetString(3),
            };
        }

        return configs;
    }
}
