using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Silo.Storage;

/// <summary>
/// PostgreSQL side of the grain host: grain states, partition checkpoints, effects and the outbox. A batch's
/// states, checkpoint and effects are written in one transaction, so a crash leaves either all of a batch
/// or none of it, and the partition resumes exactly after the last committed message.
/// </summary>
public sealed class GrainStore(NpgsqlDataSource dataSource)
{
    public async Task<PartitionCheckpoint> LoadCheckpointAsync(int partition, CancellationToken cancellationToken)
    {
        var checkpoint = new PartitionCheckpoint();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Sql.Command("SELECT topic, next_offset FROM partition_offsets WHERE partition = $1", partition));
        batch.BatchCommands.Add(Sql.Command("SELECT source, source_offset FROM source_watermarks WHERE partition = $1", partition));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoint.NextOffsets[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The offset and the index within the record are stored as one number: offset * 2^16 + index.
            var packed = reader.GetInt64(1);
            checkpoint.SourceWatermarks[reader.GetString(0)] = (packed >> 16, (int)(packed & 0xFFFF));
        }

        return checkpoint;
    }

    public async Task<IReadOnlyList<StoredGrain>> LoadStatesAsync(IReadOnlyCollection<string> grainIds, CancellationToken cancellationToken)
    {
        var found = new List<StoredGrain>(grainIds.Count);
        await using var command = dataSource.CreateCommand("SELECT grain_id, state FROM grain_state WHERE grain_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = grainIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new StoredGrain(reader.GetString(0), (byte[])reader[1]));
        }

        return found;
    }

    /// <summary>Grains of a partition with a timer armed: the new owner re-arms them without loading every grain.</summary>
    public async Task<IReadOnlyList<(string GrainKey, DateTimeOffset Due)>> LoadTimersAsync(int partition, CancellationToken cancellationToken)
    {
        var timers = new List<(string, DateTimeOffset)>();
        await using var command = dataSource.CreateCommand(
            "SELECT grain_id, next_timer_at FROM grain_state WHERE partition = $1 AND next_timer_at IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            timers.Add((reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero)));
        }

        return timers;
    }

    public async Task<IReadOnlyList<OutboxMessage>> LoadOutboxAsync(int partition, CancellationToken cancellationToken)
    {
        var messages = new List<OutboxMessage>();
        await using var command = dataSource.CreateCommand(
            "SELECT id, topic, key, payload, headers->>'traceparent' FROM outbox WHERE partition = $1 ORDER BY sequence");
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new OutboxMessage(reader.GetString(0), partition, reader.GetString(1), reader.GetString(2),
                (byte[])reader[3], reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return messages;
    }

    /// <summary>
    /// Writes the batches of one or more partitions in one transaction: states, checkpoints, effects and outbox rows.
    /// Rows of different partitions never overlap (a grain lives in one partition), so one statement per table
    /// carries every partition's rows.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<CommitPart> parts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = new NpgsqlBatch(connection, transaction);
        AddStates(commands, parts);
        AddCheckpoints(commands, parts);
        foreach (var effect in parts.SelectMany(p => p.Batch.Effects))
        {
            if (EffectCommands.For(effect) is { } command)
            {
                commands.BatchCommands.Add(command);
            }
        }

        foreach (var message in parts.SelectMany(p => p.Batch.Outbox))
        {
            commands.BatchCommands.Add(Sql.Command(
                "INSERT INTO outbox (id, partition, topic, key, payload, headers) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
                message.Id, message.Partition, message.Topic, message.Key, message.Payload,
                new NpgsqlParameter
                {
                    Value = message.TraceParent is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string> { ["traceparent"] = message.TraceParent }, StorageJsonContext.Default.DictionaryStringString),
                    NpgsqlDbType = NpgsqlDbType.Jsonb,
                }));
        }

        var delivered = parts.SelectMany(p => p.Batch.DeliveredOutbox).ToArray();
        if (delivered.Length > 0)
        {
            commands.BatchCommands.Add(Sql.Command("DELETE FROM outbox WHERE id = ANY($1)", (object)delivered));
        }

        if (commands.BatchCommands.Count > 0)
        {
            await commands.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static void AddStates(NpgsqlBatch commands, IReadOnlyList<CommitPart> parts)
    {
        var states = parts.SelectMany(p => p.Batch.States.Select(s => (Id: s.Key, p.Batch.Partition, s.Value.State, s.Value.NextTimer))).ToList();
        if (states.Count == 0)
        {
            return;
        }

        commands.BatchCommands.Add(Sql.Command(
            """
            INSERT INTO grain_state (grain_id, partition, state, next_timer_at, updated_at)
            SELECT id, partition, state, timer, now() FROM unnest($1::text[], $2::int[], $3::bytea[], $4::timestamptz[]) AS t(id, partition, state, timer)
            ON CONFLICT (grain_id) DO UPDATE SET partition = excluded.partition, state = excluded.state,
                next_timer_at = excluded.next_timer_at, updated_at = now()
            """,
            states.Select(s => s.Id).ToArray(), states.Select(s => s.Partition).ToArray(), states.Select(s => s.State).ToArray(),
            new NpgsqlParameter
            {
                Value = states.Select(s => s.NextTimer is { } due ? (object)due.UtcDateTime : DBNull.Value).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            }));
    }

    private static void AddCheckpoints(NpgsqlBatch commands, IReadOnlyList<CommitPart> parts)
    {
        var offsets = parts.SelectMany(p => p.Checkpoint.NextOffsets.Select(o => (Topic: o.Key, p.Batch.Partition, Next: o.Value))).ToList();
        if (offsets.Count > 0)
        {
            commands.BatchCommands.Add(Sql.Command(
                """
                INSERT INTO partition_offsets (topic, partition, next_offset, updated_at)
                SELECT topic, partition, next, now() FROM unnest($1::text[], $2::int[], $3::bigint[]) AS t(topic, partition, next)
                ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset, updated_at = now()
                """,
                offsets.Select(o => o.Topic).ToArray(), offsets.Select(o => o.Partition).ToArray(), offsets.Select(o => o.Next).ToArray()));
        }

        // The offset and the index within the record are stored as one number: offset * 2^16 + index.
        var marks = parts.SelectMany(p => p.Checkpoint.SourceWatermarks.Select(w => (p.Batch.Partition, Source: w.Key, Packed: (w.Value.Offset << 16) | (long)w.Value.Index))).ToList();
        if (marks.Count > 0)
        {
            commands.BatchCommands.Add(Sql.Command(
                """
                INSERT INTO source_watermarks (partition, source, source_offset)
                SELECT partition, source, packed FROM unnest($1::int[], $2::text[], $3::bigint[]) AS t(partition, source, packed)
                ON CONFLICT (partition, source) DO UPDATE SET source_offset = excluded.source_offset
                """,
                marks.Select(m => m.Partition).ToArray(), marks.Select(m => m.Source).ToArray(), marks.Select(m => m.Packed).ToArray()));
        }
    }

    public async Task DeleteOutboxAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("DELETE FROM outbox WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
