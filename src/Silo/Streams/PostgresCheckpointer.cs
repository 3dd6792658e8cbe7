using Npgsql;
using Platform.Streaming.Kafka.Checkpoints;

namespace Platform.Silo.Streams;

/// <summary>
/// Kafka partition checkpoints in `stream_checkpoints`, fenced by an epoch: a claim increments it, and a commit is
/// refused unless it carries the current one. <paramref name="scope"/> separates deployments (service id and
/// stream provider) that share a database; <paramref name="owner"/> names this silo in the row, for people.
/// </summary>
public sealed class PostgresCheckpointer(NpgsqlDataSource dataSource, string scope, string owner) : IKafkaCheckpointer
{
    public async Task<PartitionLease> ClaimAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO stream_checkpoints (provider, topic, partition, next_offset, epoch, owner, claimed_at)
            VALUES ($1, $2, $3, NULL, 1, $4, now())
            ON CONFLICT (provider, topic, partition) DO UPDATE
                SET epoch = stream_checkpoints.epoch + 1, owner = excluded.owner, claimed_at = excluded.claimed_at
            RETURNING epoch, next_offset
            """);
        Add(command, scope, topic, partition, owner);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PartitionLease(topic, partition, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    public async Task<bool> CommitAsync(PartitionLease lease, long nextOffset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(
            """
            UPDATE stream_checkpoints SET next_offset = $5, committed_at = now()
            WHERE provider = $1 AND topic = $2 AND partition = $3 AND epoch = $4
            """);
        Add(command, scope, lease.Topic, lease.Partition, lease.Epoch, nextOffset);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }
}
