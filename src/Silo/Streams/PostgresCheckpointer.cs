using System.Threading.Channels;
using Npgsql;
using Platform.Streaming.Kafka.Checkpoints;

namespace Platform.Silo.Streams;

/// <summary>
/// Kafka partition checkpoints in `stream_checkpoints`, fenced by an epoch: a claim increments it, and a commit is
/// refused unless it carries the current one. The scope separates deployments (service id and stream provider)
/// that share a database; the owner names this silo in the row, for people.
/// The commits of all the silo's queues that are due together go in one statement: a silo with a hundred queues
/// writes its checkpoints in one round trip on one connection, not a hundred at once.
/// </summary>
public sealed class PostgresCheckpointer : IKafkaCheckpointer, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string scope;
    private readonly string owner;
    private readonly Channel<PendingCommit> commits = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writing;

    public PostgresCheckpointer(NpgsqlDataSource dataSource, string scope, string owner)
    {
        this.dataSource = dataSource;
        this.scope = scope;
        this.owner = owner;
        writing = Task.Run(WriteAsync);
    }

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
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        command.Parameters.Add(new NpgsqlParameter { Value = topic });
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PartitionLease(topic, partition, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    public Task<bool> CommitAsync(PartitionLease lease, long nextOffset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var commit = new PendingCommit(lease, nextOffset, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!commits.Writer.TryWrite(commit))
        {
            commit.Accepted.SetException(new ObjectDisposedException(nameof(PostgresCheckpointer)));
        }

        // The caller stops waiting when cancelled; the write itself goes on (it is fenced, so harmless).
        return commit.Accepted.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        commits.Writer.TryComplete();
        await writing;
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingCommit>();
        while (await commits.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (commits.Reader.TryRead(out var commit))
            {
                batch.Add(commit);
            }

            try
            {
                var accepted = await UpdateAsync(batch);
                foreach (var commit in batch)
                {
                    commit.Accepted.TrySetResult(accepted.Contains((commit.Lease.Topic, commit.Lease.Partition, commit.Lease.Epoch)));
                }
            }
            catch (Exception e)
            {
                // PostgreSQL away: each queue's receiver logs it and tries again at its next interval.
                foreach (var commit in batch)
                {
                    commit.Accepted.TrySetException(e);
                }
            }
        }
    }

    private async Task<HashSet<(string, int, long)>> UpdateAsync(List<PendingCommit> batch)
    {
        // One row per lease: a commit whose caller gave up waiting may share the batch with the next one (the later,
        // higher offset wins; offsets of one lease only grow).
        var rows = batch.GroupBy(c => (c.Lease.Topic, c.Lease.Partition, c.Lease.Epoch))
            .Select(g => (g.Key.Topic, g.Key.Partition, g.Key.Epoch, NextOffset: g.Max(c => c.NextOffset)))
            .ToList();
        await using var command = dataSource.CreateCommand(
            """
            UPDATE stream_checkpoints c SET next_offset = v.next_offset, committed_at = now()
            FROM unnest($2::text[], $3::int[], $4::bigint[], $5::bigint[]) AS v(topic, partition, epoch, next_offset)
            WHERE c.provider = $1 AND c.topic = v.topic AND c.partition = v.partition AND c.epoch = v.epoch
            RETURNING v.topic, v.partition, v.epoch
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Topic).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Partition).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Epoch).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.NextOffset).ToArray() });
        var accepted = new HashSet<(string, int, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            accepted.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
        }

        return accepted;
    }

    private sealed record PendingCommit(PartitionLease Lease, long NextOffset, TaskCompletionSource<bool> Accepted);
}
