using System.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;
using Platform.Silo.Hosting;
using Platform.Silo.Outbox;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Storage;

/// <summary>
/// Group commit behind the grain storage: the state writes of all grains that arrive while a transaction runs go
/// into the next one, with the catalog rows and outbox messages they carry. A busy silo writes thousands of grains
/// per commit and a quiet one commits a lone write at once. Two transactions are in flight at most, each on its own
/// connection, so that PostgreSQL works on one while the silo prepares the next. Each row's
/// version is checked: a write naming a version that is no longer the stored one (another activation wrote) is
/// refused alone, with its rows; the others commit. After the commit the outbox messages go to the relay.
/// </summary>
internal sealed partial class StateWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly OutboxRelay relay;
    private readonly TimeProvider time;
    private readonly FaultInjection faults;
    private readonly SiloTelemetry telemetry;
    private readonly ILogger logger;
    private readonly int maxBatch;
    // Thousands of grains hand in writes at once: a lock-free queue, and a signal for the commit loops.
    private readonly ConcurrentQueue<StateWrite> writes = new();
    private readonly SemaphoreSlim waiting = new(0);
    private volatile bool stopping;
    private readonly Task[] loops;

    public StateWriter(NpgsqlDataSource dataSource, OutboxRelay relay, FaultInjection faults, SiloTelemetry telemetry, TimeProvider time, ILogger logger,
        int maxBatch = 5_000, int inFlight = 2)
    {
        this.dataSource = dataSource;
        this.relay = relay;
        this.time = time;
        this.faults = faults;
        this.telemetry = telemetry;
        this.logger = logger;
        this.maxBatch = maxBatch;
        loops = [.. Enumerable.Range(0, inFlight).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>Completes with the row's new version once committed.</summary>
    public Task<long> WriteAsync(StateWrite write)
    {
        if (stopping)
        {
            write.Done.TrySetException(new ObjectDisposedException(nameof(StateWriter), "The silo is stopping."));
            return write.Done.Task;
        }

        writes.Enqueue(write);
        waiting.Release();
        return write.Done.Task;
    }

    /// <summary>Commits what was handed in, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        stopping = true;
        waiting.Release(loops.Length);
        await Task.WhenAll(loops);
    }

    private async Task RunAsync()
    {
        var batch = new List<StateWrite>(maxBatch);
        var grains = new HashSet<string>(StringComparer.Ordinal);
        var deferred = new Queue<StateWrite>();
        while (true)
        {
            if (deferred.Count == 0 && writes.IsEmpty)
            {
                if (stopping)
                {
                    return;
                }

                await waiting.WaitAsync();
                continue;
            }

            batch.Clear();
            grains.Clear();
            // A grain awaits its write before the next, so two writes of one grain at once are rare (a retry after a
            // failure); in one batch the later one waits for the next transaction; in two concurrent ones the version
            // check lets one of them win.
            var deferredCount = deferred.Count;
            for (var i = 0; i < deferredCount && batch.Count < maxBatch; i++)
            {
                Take(deferred.Dequeue());
            }

            while (batch.Count < maxBatch && writes.TryDequeue(out var write))
            {
                Take(write);
            }

            try
            {
                await CommitAsync(batch);
            }
            catch (Exception e)
            {
                LogCommitFailed(e, batch.Count);
                foreach (var write in batch)
                {
                    write.Done.TrySetException(e);
                }
            }
        }

        void Take(StateWrite write)
        {
            if (grains.Add(write.GrainId))
            {
                batch.Add(write);
            }
            else
            {
                deferred.Enqueue(write);
            }
        }
    }

    private async Task CommitAsync(List<StateWrite> batch)
    {
        var clock = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Phase("connect", phase);
        var versions = await WriteStatesAsync(connection, transaction, batch);
        Phase("states", phase);

        await using (var effects = new NpgsqlBatch(connection, transaction))
        {
            var messages = new List<OutboxMessage>();
            foreach (var write in batch.Where(w => versions.ContainsKey(w.GrainId)))
            {
                foreach (var row in write.Rows)
                {
                    effects.BatchCommands.Add(row);
                }

                messages.AddRange(write.Outbox);
            }

            if (messages.Count > 0)
            {
                effects.BatchCommands.Add(Sql.Command(
                    """
                    INSERT INTO outbox (id, grain_id, topic, key, payload, trace_parent)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[])
                    ON CONFLICT (id) DO NOTHING
                    """,
                    messages.Select(m => m.Id).ToArray(), messages.Select(m => m.GrainId).ToArray(), messages.Select(m => m.Topic).ToArray(),
                    messages.Select(m => m.Key).ToArray(), messages.Select(m => m.Payload).ToArray(), messages.Select(m => m.TraceParent).ToArray()));
            }

            if (effects.BatchCommands.Count > 0)
            {
                await effects.ExecuteNonQueryAsync();
            }

            Phase("rows", phase);
            faults.BeforeCommit();
            await transaction.CommitAsync();
            faults.AfterCommit();
            Phase("commit", phase);
            relay.Send(messages);
        }

        var committedAt = time.GetUtcNow() - clock.Elapsed;
        foreach (var write in batch)
        {
            if (versions.TryGetValue(write.GrainId, out var version))
            {
                TraceCatalogInserts(write, committedAt);
                write.Done.TrySetResult(version);
            }
            else
            {
                write.Done.TrySetException(new InconsistentStateException(
                    $"Grain {write.GrainId} was written by another activation since it read version {write.ExpectedVersion}.",
                    storedEtag: null, currentEtag: write.ExpectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        telemetry.StateCommitSeconds.Record(clock.Elapsed.TotalSeconds);
        telemetry.StateCommitSize.Record(batch.Count);
    }

    private void Phase(string name, Stopwatch phase)
    {
        telemetry.StateCommitPhase.Record(phase.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("phase", name));
        phase.Restart();
    }

    // Updates name the version they read; first writes insert and lose to a row someone else inserted.
    private static async Task<Dictionary<string, long>> WriteStatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<StateWrite> batch)
    {
        var updates = batch.Where(w => w.ExpectedVersion > 0).ToList();
        var inserts = batch.Where(w => w.ExpectedVersion == 0).ToList();
        await using var states = new NpgsqlBatch(connection, transaction);
        if (updates.Count > 0)
        {
            states.BatchCommands.Add(Sql.Command(
                """
                UPDATE grain_states AS g SET state = t.state, version = g.version + 1, updated_at = now()
                FROM unnest($1::text[], $2::bytea[], $3::bigint[]) AS t(grain_id, state, expected)
                WHERE g.grain_id = t.grain_id AND g.version = t.expected
                RETURNING g.grain_id, g.version
                """,
                updates.Select(w => w.GrainId).ToArray(), updates.Select(w => w.State).ToArray(), updates.Select(w => w.ExpectedVersion).ToArray()));
        }

        if (inserts.Count > 0)
        {
            states.BatchCommands.Add(Sql.Command(
                """
                INSERT INTO grain_states (grain_id, state, version)
                SELECT grain_id, state, 1 FROM unnest($1::text[], $2::bytea[]) AS t(grain_id, state)
                ON CONFLICT (grain_id) DO NOTHING
                RETURNING grain_id, version
                """,
                inserts.Select(w => w.GrainId).ToArray(), inserts.Select(w => w.State).ToArray()));
        }

        var versions = new Dictionary<string, long>(batch.Count, StringComparer.Ordinal);
        await using var reader = await states.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                versions[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        while (await reader.NextResultAsync());

        return versions;
    }

    // The insert is part of the transaction; its span (one per clip, in the clip's trace) covers that commit.
    private static void TraceCatalogInserts(StateWrite write, DateTimeOffset committedAt)
    {
        foreach (var (clipId, traceParent) in write.TracedClips)
        {
            if (ActivityContext.TryParse(traceParent, null, out var parent))
            {
                using var activity = SiloTelemetry.Source.StartActivity("clip catalog insert", ActivityKind.Internal, parent, startTime: committedAt);
                activity?.SetTag("clip.id", clipId);
            }
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "A grain state commit of {Writes} writes failed; their grains retry from their stored state")]
    private partial void LogCommitFailed(Exception error, int writes);
}
