using System.Diagnostics;
using Confluent.Kafka;
using Npgsql;
using Platform.Grains.Interfaces.Grains;
using Platform.LocalPlatform;
using Platform.Messaging;

namespace Platform.LoadHarness;

/// <summary>
/// Samples the pipeline's progress once a second from the outside: the device topic's end offsets on the broker, and
/// the silos' checkpoint of each of its partitions in PostgreSQL (stream_checkpoints: the Kafka stream provider
/// writes there the offset below which every record's delivery completed, i.e. its grains stored their state).
/// </summary>
internal sealed class BacklogSampler : IAsyncDisposable
{
    private static readonly TimeSpan Query = TimeSpan.FromSeconds(5);

    // The silo scopes its checkpoint rows by service id and stream provider name (src/Silo/Hosting/OrleansSilo.cs).
    private static readonly string Provider = $"{LocalPlatformRun.ServiceId}/{StreamNamespaces.Provider}";
    private static readonly List<TopicPartition> Device = [.. Enumerable
        .Range(0, PlatformTopics.Defaults.Single(t => t.Name == PlatformTopics.DeepStreamEvents).Partitions)
        .Select(p => new TopicPartition(PlatformTopics.DeepStreamEvents, p))];

    private readonly IConsumer<Ignore, Ignore> watermarks;
    private readonly NpgsqlDataSource database;
    private readonly Func<long> commands;
    private readonly List<BacklogSample> samples = [];
    private readonly CancellationTokenSource stopping = new();
    private Task loop = Task.CompletedTask;
    private long startedAt;

    public BacklogSampler(string bootstrapServers, string postgres, Func<long> commands)
    {
        watermarks = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "load-harness-watermarks" }).Build();
        database = NpgsqlDataSource.Create(postgres);
        this.commands = commands;
    }

    public IReadOnlyList<BacklogSample> Samples
    {
        get
        {
            lock (samples)
            {
                return [.. samples];
            }
        }
    }

    /// <summary>Starts sampling; sample times are seconds since this call (the load's start).</summary>
    public void Start()
    {
        startedAt = Stopwatch.GetTimestamp();
        loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (!stopping.IsCancellationRequested)
            {
                var sample = await TakeAsync(CancellationToken.None);
                lock (samples)
                {
                    samples.Add(sample);
                }

                try
                {
                    await timer.WaitForNextTickAsync(stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    /// <remarks>
    /// Read downstream first (the checkpoints, then the broker), so that the end offsets are never older than the
    /// checkpoints and no lag comes out negative.
    /// </remarks>
    public async Task<BacklogSample> TakeAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT partition, coalesce(next_offset, 0) FROM stream_checkpoints WHERE provider = $1 AND topic = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = Provider });
        command.Parameters.Add(new NpgsqlParameter { Value = PlatformTopics.DeepStreamEvents });
        var checkpoints = new Dictionary<int, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                checkpoints[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        var marks = Device.Select(p => (Partition: p.Partition.Value, Marks: watermarks.QueryWatermarkOffsets(p, Query))).ToList();
        // A partition whose low watermark passed its checkpoint lost records unread (the mock broker keeps ~5 MiB each).
        var unreadable = marks.Sum(m => Math.Max(0, m.Marks.Low.Value - checkpoints.GetValueOrDefault(m.Partition)));
        return new BacklogSample(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, marks.Sum(m => m.Marks.High.Value), checkpoints.Values.Sum(),
            commands(), marks.Sum(m => m.Marks.Low.Value), unreadable, checkpoints.Count);
    }

    /// <summary>Transactions committed in the platform's database so far (pg_stat_database, flushed about once a second).</summary>
    public async Task<long> PostgresCommitsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await loop;
        watermarks.Dispose();
        await database.DisposeAsync();
        stopping.Dispose();
    }
}
