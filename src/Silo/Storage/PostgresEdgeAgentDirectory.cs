using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Grains.Edge;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.Silo.Storage;

/// <summary>Edge agents in PostgreSQL: the gateway's edge_agents and cameras rows (desired), the silo's edge_agent_status (reported).</summary>
public sealed class PostgresEdgeAgentDirectory(NpgsqlDataSource dataSource) : IEdgeAgentDirectory
{
    public async Task<DesiredAgent?> LoadDesiredAsync(string agentId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Sql.Command("SELECT config_key, config_version FROM edge_agents WHERE id = $1", agentId));
        batch.BatchCommands.Add(Sql.Command(
            """
            SELECT id, source_url, rtsp_username, rtsp_password, device_sensor_id, container, cache_seconds, cache_bytes, segment_seconds, continuous
            FROM cameras WHERE agent_id = $1 AND source_url IS NOT NULL ORDER BY id
            """, agentId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (key, version) = (reader.GetString(0), reader.GetInt64(1));
        await reader.NextResultAsync(cancellationToken);
        var cameras = new List<DesiredCamera>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cameras.Add(new DesiredCamera(
                reader.GetString(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.GetBoolean(9)));
        }

        return new DesiredAgent(agentId, key, version, cameras);
    }

    public async Task SaveStatusAsync(EdgeAgentStatus status, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO edge_agent_status (agent_id, site, version, reported_at, received_at, config_version, config_error,
                                           disk_free_bytes, spool_count, spool_bytes, spool_evictions, cameras)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (agent_id) DO UPDATE SET site = excluded.site, version = excluded.version, reported_at = excluded.reported_at,
                received_at = excluded.received_at, config_version = excluded.config_version, config_error = excluded.config_error,
                disk_free_bytes = excluded.disk_free_bytes, spool_count = excluded.spool_count, spool_bytes = excluded.spool_bytes,
                spool_evictions = excluded.spool_evictions, cameras = excluded.cameras
            WHERE edge_agent_status.reported_at <= excluded.reported_at
            """);
        foreach (var value in new object?[]
        {
            status.AgentId, status.Site, status.Version, status.OccurredAt.UtcDateTime, receivedAt.UtcDateTime, status.ConfigVersion,
            status.ConfigError, status.DiskFreeBytes, status.SpoolCount, status.SpoolBytes, status.SpoolEvictions,
        })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        command.Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(status.Cameras, EdgeJsonContext.Default.IReadOnlyListEdgeCameraStatus),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
