using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Json;

namespace Platform.Silo.Storage;

/// <summary>
/// The SQL for each effect a grain can emit. Every statement is idempotent by the effect's deterministic
/// id (insert-or-ignore, or an upsert that only moves forward), so replaying a batch changes nothing.
/// </summary>
internal static class EffectCommands
{
    public static NpgsqlBatchCommand? For(GrainEffect effect) => effect switch
    {
        PublishAlert a => Sql.Command(
            """
            INSERT INTO alerts (id, rule_id, rule_name, severity, message, sensor_id, camera_id, zone_id, line_id, class,
                                object_ids, occurred_at, trigger_message_id, payload, record_camera_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING
            """,
            a.Alert.AlertId.Value, a.Alert.RuleId.Value, a.Alert.RuleName, a.Alert.Severity.ToString().ToLowerInvariant(), a.Alert.Message,
            a.Alert.SensorId.Value, a.Alert.CameraId?.Value, a.Alert.ZoneId, a.Alert.LineId, a.Alert.Class, a.Alert.ObjectIds.ToArray(),
            a.Alert.OccurredAt.UtcDateTime, a.Alert.TriggerMessageId,
            Json(JsonSerializer.Serialize(a.Alert, GrainJsonContext.Default.AlertRaised)), a.Alert.RecordCameraIds.Select(c => c.Value).ToArray()),
        PublishCommand c => Sql.Command(
            "INSERT INTO commands (id, camera_id, session_id, command, payload) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
            c.EffectId, c.CameraId.Value, c.Command.SessionId?.Value, c.Command.Command,
            Json(JsonSerializer.Serialize(c.Command, EdgeJsonContext.Default.SmartRecordCommand))),
        UpsertRecordingSession s => Sql.Command(
            """
            INSERT INTO recording_sessions (id, camera_id, status, start_at, end_at, max_end_at, rule_id, sensor_id,
                                            trigger_message_id, reason, container, extensions, close_reason, rule_ids, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, end_at = excluded.end_at, extensions = excluded.extensions,
                close_reason = excluded.close_reason, rule_ids = excluded.rule_ids, updated_at = now()
            WHERE recording_sessions.extensions <= excluded.extensions
            """,
            s.SessionId.Value, s.CameraId.Value, s.Status.ToString().ToLowerInvariant(), s.Start.UtcDateTime, s.End.UtcDateTime,
            s.MaxEnd.UtcDateTime, s.RuleId?.Value, s.SensorId?.Value, s.TriggerMessageId, s.Reason, s.Container, s.Extensions, s.CloseReason,
            s.RuleIds.Select(r => r.Value).ToArray()),
        InsertClip c => Sql.Command(
            """
            INSERT INTO clips (id, camera_id, session_id, rule_id, sensor_id, command_id, trigger_message_id, agent_id,
                               requested_start, requested_end, start_at, end_at, start_clipped, duration_seconds, size_bytes,
                               sha256, container, bucket, object_key, thumbnail_key, rule_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
            ON CONFLICT (id) DO NOTHING
            """,
            c.Clip.ClipId.Value, c.CameraId.Value, (c.SessionId ?? c.Clip.SessionId)?.Value, c.RuleId?.Value, c.SensorId?.Value,
            c.Clip.CommandId?.Value, c.TriggerMessageId, c.Clip.AgentId, c.Clip.RequestedStart.UtcDateTime, c.Clip.RequestedEnd.UtcDateTime,
            c.Clip.ActualStart.UtcDateTime, c.Clip.ActualEnd.UtcDateTime, c.Clip.StartClippedToCache, c.Clip.DurationSeconds,
            c.Clip.SizeBytes, c.Clip.Sha256, c.Clip.Container, c.Clip.Bucket, c.Clip.Key, c.Clip.ThumbnailKey,
            c.RuleIds.Select(r => r.Value).ToArray()),
        InsertContinuousSegment g => Sql.Command(
            """
            INSERT INTO continuous_segments (camera_id, start_at, end_at, object_key, bytes, agent_id)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (camera_id, start_at) DO NOTHING
            """,
            g.CameraId.Value, g.Segment.Start.UtcDateTime, g.Segment.End.UtcDateTime, g.Segment.ObjectKey, g.Segment.Bytes, g.Segment.AgentId),
        UpsertTrafficCount t => Sql.Command(
            """
            INSERT INTO traffic_counts (sensor_id, zone_id, class, minute, entries, exits, max_present, kind)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (sensor_id, zone_id, minute, class) DO UPDATE SET
                entries = GREATEST(traffic_counts.entries, excluded.entries),
                exits = GREATEST(traffic_counts.exits, excluded.exits),
                max_present = GREATEST(traffic_counts.max_present, excluded.max_present)
            """,
            t.SensorId.Value, t.ZoneId, t.Class, t.Minute.UtcDateTime, t.Entries, t.Exits, t.MaxPresent, t.IsLine ? "line" : "zone"),
        UpsertCameraStatus s => Sql.Command(
            """
            INSERT INTO camera_status (camera_id, online, last_heartbeat_at, last_heartbeat_received_at, agent_id, connected,
                                       recording, cache_seconds, open_session_id, changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (camera_id) DO UPDATE SET online = excluded.online, last_heartbeat_at = excluded.last_heartbeat_at,
                last_heartbeat_received_at = excluded.last_heartbeat_received_at, agent_id = excluded.agent_id,
                connected = excluded.connected, recording = excluded.recording, cache_seconds = excluded.cache_seconds,
                open_session_id = excluded.open_session_id, changed_at = excluded.changed_at
            WHERE camera_status.changed_at <= excluded.changed_at
            """,
            s.CameraId.Value, s.Online, s.LastHeartbeatAt?.UtcDateTime, s.LastHeartbeatReceivedAt?.UtcDateTime, s.AgentId, s.Connected,
            s.Recording, s.CacheSeconds, s.OpenSessionId?.Value, s.ChangedAt.UtcDateTime),
        _ => null, // SendToGrain is delivered, not stored.
    };

    private static NpgsqlParameter Json(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };
}
