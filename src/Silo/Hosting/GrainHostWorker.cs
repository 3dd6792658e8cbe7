using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Cameras;
using Platform.Grains.Sensors;
using Platform.Messaging;
using Platform.ServiceDefaults.Health;
using Platform.Silo.Configuration;
using Platform.Silo.Ingress;
using Platform.Silo.Kafka;
using Platform.Silo.Storage;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Hosting;

/// <summary>
/// The silo's membership in the grain host group. Kafka assigns this process partitions of the co-partitioned
/// grain topics; for each partition number it owns, a <see cref="PartitionWorker"/> runs, starting exactly at
/// the offsets stored with the state (not Kafka's committed offsets). On revocation the worker commits what it
/// applied and lets go, and the next owner resumes from there.
/// </summary>
public sealed partial class GrainHostWorker(
    IOptions<GrainHostOptions> options,
    IOptions<KafkaOptions> kafkaOptions,
    SensorGrainOptions sensorOptions,
    CameraGrainOptions cameraOptions,
    GrainStore store,
    ConfigStore config,
    IngressRouter router,
    DeadLetterSender deadLetters,
    SharedProducer producer,
    SiloTelemetry telemetry,
    TimeProvider time,
    FaultInjection faults,
    ReadinessSignals readiness,
    IHostApplicationLifetime lifetime,
    ILogger<GrainHostWorker> logger) : BackgroundService
{
    /// <summary>Raised while the grain host consumer is subscribed: part of the silo's readiness.</summary>
    public const string ReadinessSignal = "grain-host-consumer";

    private readonly KafkaOptions kafka = kafkaOptions.Value;
    private readonly Dictionary<int, PartitionWorker> workers = [];
    private readonly Lock gate = new();

    /// <summary>The partition numbers this silo owns now.</summary>
    public IReadOnlyList<int> OwnedPartitions
    {
        get
        {
            lock (gate)
            {
                return [.. workers.Keys.Order()];
            }
        }
    }

    /// <summary>Grain activations in memory, over all owned partitions.</summary>
    public int ActivationCount
    {
        get
        {
            lock (gate)
            {
                return workers.Values.Sum(w => w.ActivationCount);
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var partitionCount = CountPartitions();
        var commits = new GroupCommit(store, logger);
        var context = new GrainHostContext(options.Value, kafka, partitionCount, sensorOptions, cameraOptions, store, commits, config,
            router, deadLetters, producer, telemetry, time, faults, logger, _ => lifetime.StopApplication());
        var consumer = new ConsumerBuilder<string, byte[]>(
                kafka.Security.ApplyTo(KafkaClientSettings.GroupMember(kafka.BootstrapServers, kafka.SiloGroup, $"silo-{Environment.ProcessId}")))
            .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned, context))
            .SetPartitionsRevokedHandler((_, revoked) => Release(revoked.Select(p => p.Partition.Value)))
            .SetPartitionsLostHandler((_, lost) => Release(lost.Select(p => p.Partition.Value)))
            .Build();
        consumer.Subscribe(kafka.DirectDeviceTopic ? [kafka.EventsTopic, kafka.ControlTopic, kafka.DeepStreamTopic] : [kafka.EventsTopic, kafka.ControlTopic]);
        readiness.Raise(ReadinessSignal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is null)
                {
                    continue;
                }

                PartitionWorker? worker;
                lock (gate)
                {
                    workers.TryGetValue(record.Partition.Value, out worker);
                }

                worker?.Enqueue(record);
            }
        }
        finally
        {
            readiness.Lower(ReadinessSignal);
            // Commit what was applied before leaving the group, so the next owner starts right after it.
            Release(OwnedPartitions);
            ConsumerClose.CloseWithin(consumer, ConsumerClose.DefaultBound);
            commits.StopAsync().GetAwaiter().GetResult();
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> assigned, GrainHostContext context)
    {
        var starts = assigned.Select(p => p.Partition.Value).Distinct()
            .Where(p => { lock (gate) { return !workers.ContainsKey(p); } })
            .Select(p => PartitionWorker.StartAsync(p, context, CancellationToken.None))
            .ToList();
        foreach (var worker in Task.WhenAll(starts).GetAwaiter().GetResult())
        {
            lock (gate)
            {
                workers[worker.Partition] = worker;
            }
        }

        LogAssigned(string.Join(',', assigned.Select(p => p.Partition.Value).Distinct().Order()));
        lock (gate)
        {
            return [.. assigned.Select(p => new TopicPartitionOffset(p, workers[p.Partition.Value].ResumeAt(p.Topic)))];
        }
    }

    private void Release(IEnumerable<int> partitions)
    {
        var leaving = new List<PartitionWorker>();
        lock (gate)
        {
            foreach (var partition in partitions.Distinct())
            {
                if (workers.Remove(partition, out var worker))
                {
                    leaving.Add(worker);
                }
            }
        }

        Task.WhenAll(leaving.Select(w => w.StopAsync())).GetAwaiter().GetResult();
        if (leaving.Count > 0)
        {
            LogReleased(string.Join(',', leaving.Select(w => w.Partition).Order()));
        }
    }

    // Placement needs the partition count of the grain topics (the same for all, by design).
    private int CountPartitions()
    {
        using var admin = new AdminClientBuilder(kafka.Security.ApplyTo(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers })).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(30));
        int Count(string topic) => metadata.Topics.SingleOrDefault(t => t.Topic == topic)?.Partitions.Count ?? 0;
        var events = Count(kafka.EventsTopic);
        var control = Count(kafka.ControlTopic);
        if (events == 0 || events != control)
        {
            throw new InvalidOperationException(
                $"{kafka.EventsTopic} ({events} partitions) and {kafka.ControlTopic} ({control}) must exist with the same partition count.");
        }

        if (kafka.DirectDeviceTopic && Count(kafka.DeepStreamTopic) is var device && device != events)
        {
            throw new InvalidOperationException(
                $"Kafka:DirectDeviceTopic needs {kafka.DeepStreamTopic} ({device} partitions) to have as many partitions as {kafka.EventsTopic} ({events}).");
        }

        return events;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Assigned grain partitions {Partitions}")]
    private partial void LogAssigned(string partitions);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Released grain partitions {Partitions}")]
    private partial void LogReleased(string partitions);
}
