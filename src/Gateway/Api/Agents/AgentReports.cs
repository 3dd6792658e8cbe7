using System.Text.Json;
using Npgsql;
using Platform.Gateway.Storage;
using Platform.Grains.Interfaces.Json;

namespace Platform.Gateway.Api.Agents;

/// <summary>Reads agents' newest heartbeats (edge_agent_status, written by the agent grains).</summary>
public static class AgentReports
{
    /// <summary>The columns <see cref="Read"/> reads, from edge_agent_status as <c>s</c>.</summary>
    public const string Columns =
        "s.reported_at, s.received_at, s.version, s.config_version, s.config_error, s.disk_free_bytes, s.spool_count, s.spool_bytes, s.spool_evictions, s.cameras::text";

    /// <summary>The report starting at column <paramref name="at"/>; null when the row has none (a LEFT JOIN without a heartbeat).</summary>
    public static EdgeAgentReport? Read(NpgsqlDataReader r, int at) => r.IsDBNull(at) ? null : new EdgeAgentReport(
        r.Time(at), r.Time(at + 1), r.GetString(at + 2), r.IsDBNull(at + 3) ? null : r.GetInt64(at + 3), r.NullableString(at + 4),
        r.GetInt64(at + 5), r.GetInt32(at + 6), r.GetInt64(at + 7), r.GetInt32(at + 8),
        JsonSerializer.Deserialize(r.GetString(at + 9), EdgeJsonContext.Default.IReadOnlyListEdgeCameraStatus) ?? []);

    /// <summary>The newest heartbeat of <paramref name="agentId"/>, or, without one, of the agent that reports the camera most recently.</summary>
    public static async Task<(string? AgentId, EdgeAgentReport? Report)> ForCameraAsync(
        NpgsqlDataSource db, string cameraId, string? agentId, CancellationToken cancellationToken)
    {
        var rows = await db.ListAsync(
            $"""
            SELECT s.agent_id, {Columns} FROM edge_agent_status s
            WHERE CASE WHEN $1::text IS NULL THEN s.cameras @> jsonb_build_array(jsonb_build_object('cameraId', $2::text)) ELSE s.agent_id = $1 END
            ORDER BY s.received_at DESC LIMIT 1
            """,
            r => (r.GetString(0), Read(r, 1)), cancellationToken, agentId, cameraId);
        return rows.Count == 0 ? (agentId, null) : rows[0];
    }
}
