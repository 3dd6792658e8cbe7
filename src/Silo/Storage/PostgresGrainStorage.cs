using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Platform.Grains.Effects;
using Platform.Silo.Hosting;
using Platform.Silo.Outbox;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Storage;

/// <summary>
/// The grains' storage (IGrainStorage "grains"): one row per grain in `grain_states`, JSON, with a version as etag.
/// Reads of many activations are one query (<see cref="BatchLoader{TKey, TValue}"/>); writes of many grains are one
/// transaction (<see cref="StateWriter"/>). A state carrying effects (<see cref="IHasPendingEffects"/>) has them
/// written in the same transaction: catalog rows (alerts, sessions, clips, counts, camera status) and outbox rows
/// for the commands and alerts that go to Kafka. Orleans' ADO.NET storage writes one grain per transaction; at
/// 100,000 sensors that is what bounds throughput (bench/README.md has both measured).
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly GrainStateCodec codec;
    private readonly OutboxMessages outbox;
    private readonly SiloTelemetry telemetry;
    private readonly BatchLoader<string, StoredState> reads;
    private readonly StateWriter writes;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, GrainStateCodec codec, OutboxMessages outbox, OutboxRelay relay,
        FaultInjection faults, SiloTelemetry telemetry, TimeProvider time, ILogger<PostgresGrainStorage> logger)
    {
        this.dataSource = dataSource;
        this.codec = codec;
        this.outbox = outbox;
        this.telemetry = telemetry;
        reads = new BatchLoader<string, StoredState>(ReadAsync, maxBatch: 2_000);
        writes = new StateWriter(dataSource, relay, faults, telemetry, time, logger);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (await reads.LoadAsync(grainId.ToString()) is not { } stored)
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        grainState.State = codec.Read<T>(stored.State);
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var id = grainId.ToString();
        var rows = new List<NpgsqlBatchCommand>();
        var messages = new List<OutboxMessage>();
        var clips = new List<(string, string)>();
        foreach (var pending in grainState.State is IHasPendingEffects carrier ? carrier.Effects.Take() : [])
        {
            if (EffectCommands.For(pending.Effect) is { } row)
            {
                rows.Add(row);
            }

            if (outbox.For(id, pending) is { } message)
            {
                messages.Add(message);
            }

            if (pending is { Effect: InsertClip clip, TraceParent: { } traceParent })
            {
                clips.Add((clip.Clip.ClipId.Value, traceParent));
            }
        }

        var version = await writes.WriteAsync(new StateWrite(id, codec.Write(grainState.State), Version(grainState.ETag), rows, messages, clips));
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var command = dataSource.CreateCommand("DELETE FROM grain_states WHERE grain_id = $1 AND version = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = Version(grainState.ETag) });
        if (grainState.ETag is not null && await command.ExecuteNonQueryAsync() == 0)
        {
            throw new InconsistentStateException($"Grain {grainId} was written by another activation since it read version {grainState.ETag}.");
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public async ValueTask DisposeAsync()
    {
        await reads.DisposeAsync();
        await writes.DisposeAsync();
    }

    private static long Version(string? etag) => etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture);

    private async Task<IReadOnlyDictionary<string, StoredState>> ReadAsync(IReadOnlyList<string> grainIds, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var found = new Dictionary<string, StoredState>(grainIds.Count, StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT grain_id, state, version FROM grain_states WHERE grain_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = grainIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = new StoredState((byte[])reader[1], reader.GetInt64(2));
        }

        telemetry.StateReadSize.Record(grainIds.Count);
        telemetry.StateReadSeconds.Record(clock.Elapsed.TotalSeconds);
        return found;
    }
}
