using System.Diagnostics;
using Confluent.Kafka;
using Npgsql;
using Platform.Messaging;

namespace Platform.LoadHarness;

/// <summary>
/// Samples the pipeline's counters once a second from the outside: broker watermarks, ingress's committed offsets
/// (its consumer group commits after delivery) and the grain host's next offsets in PostgreSQL (partition_offsets,
/// written in the same transaction as the grain state, so "applied" means applied with effect).
/// </summary>
internal sealed class BacklogSampler : IAsyncDisposable
{
    private const string IngressGroup = "platform-ingress";
    private static readonly TimeSpan Query = TimeSpan.FromSeconds(5);

    private readonly IConsumer<Ignore, Ignore> watermarks;
    private readonly IConsumer<Ignore, Ignore> ingress;
    private readonly NpgsqlDataSource database;
    private readonly Func<long> commands;
    private readonly List<BacklogSample> samples = [];
    private readonly CancellationTokenSource stopping = new();
    private Task loop = Task.CompletedTask;
    private long startedAt;

    public BacklogSampler(string bootstrapServers, string postgres, Func<long> commands)
    {
        watermarks = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "load-harness-watermarks" }).Build();
        // Same group id as ingress, but never subscribed: it only reads the group's committed offsets, it does not join.
        ingress = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = IngressGroup, EnableAutoCommit = false }).Build();
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
    /// Read downstream first (applied, then platform.events, then ingress, then the device topic), so that an upstream
    /// count is never older than a downstream one and no lag comes out negative.
    /// </remarks>
    public async Task<BacklogSample> TakeAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT coalesce(sum(next_offset), 0)::bigint FROM partition_offsets WHERE topic = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = PlatformTopics.Events });
        var applied = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        var grainEvents = Partitions(PlatformTopics.Events, PlatformTopics.GrainPartitions).Sum(p => watermarks.QueryWatermarkOffsets(p, Query).High.Value);
        var device = Partitions(PlatformTopics.DeepStreamEvents, PlatformTopics.Defaults.Single(t => t.Name == PlatformTopics.DeepStreamEvents).Partitions);
        var committed = ingress.Committed(device, Query).Sum(p => Math.Max(0, p.Offset.Value));
        var deviceMarks = device.Select(p => watermarks.QueryWatermarkOffsets(p, Query)).ToList();
        return new BacklogSample(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, deviceMarks.Sum(w => w.High.Value), committed, grainEvents, applied,
            commands(), deviceMarks.Sum(w => w.Low.Value));
    }

    /// <summary>Messages on platform.control the grain host has not applied yet (the seed's config notifications).</summary>
    public async Task<long> ControlPendingAsync(CancellationToken cancellationToken)
    {
        var end = Partitions(PlatformTopics.Control, PlatformTopics.GrainPartitions).Sum(p => watermarks.QueryWatermarkOffsets(p, Query).High.Value);
        await using var command = database.CreateCommand("SELECT coalesce(sum(next_offset), 0)::bigint FROM partition_offsets WHERE topic = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = PlatformTopics.Control });
        return end - (long)(await command.ExecuteScalarAsync(cancellationToken))!;
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
        ingress.Dispose();
        await database.DisposeAsync();
        stopping.Dispose();
    }

    private static List<TopicPartition> Partitions(string topic, int count) => [.. Enumerable.Range(0, count).Select(p => new TopicPartition(topic, p))];
}
