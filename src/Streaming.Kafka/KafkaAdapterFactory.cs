using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Platform.Streaming.Kafka.Caching;
using Platform.Streaming.Kafka.Checkpoints;
using Platform.Streaming.Kafka.DeadLetters;
using Platform.Streaming.Kafka.Mapping;
using Platform.Streaming.Kafka.Reading;

namespace Platform.Streaming.Kafka;

/// <summary>
/// The Kafka stream provider's parts for Orleans: the adapter (read-only: records are produced to Kafka by their
/// sources, not through Orleans), one receiver and one cache per queue, the queue mapper and the failure handler.
/// The record mapper and the checkpointer are the application's, registered as keyed services under the provider's
/// name. The silo's consumer and dead-letter producer are made on first use and disposed with the silo.
/// </summary>
public sealed partial class KafkaAdapterFactory : IQueueAdapterFactory, IQueueAdapter, IQueueAdapterCache, IDisposable
{
    private readonly KafkaStreamOptions options;
    private readonly IKafkaRecordMapper mapper;
    private readonly IKafkaCheckpointer checkpointer;
    private readonly KafkaStreamTelemetry telemetry;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggers;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly DeliveryBudget budget;
    // The agent creates a queue's receiver, then its cache; the receiver's shutdown gives the cache's budget back.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<QueueId, KafkaAdapterReceiver> receivers = new();
    private KafkaQueueMapper? queueMapper;
    private KafkaPartitionReader? reader;
    private DeadLetterPublisher? deadLetters;

    public KafkaAdapterFactory(string name, KafkaStreamOptions options, IKafkaRecordMapper mapper, IKafkaCheckpointer checkpointer,
        KafkaStreamTelemetry telemetry, TimeProvider time, ILoggerFactory loggers)
    {
        Name = name;
        this.options = options;
        this.mapper = mapper;
        this.checkpointer = checkpointer;
        this.telemetry = telemetry;
        this.time = time;
        this.loggers = loggers;
        logger = loggers.CreateLogger<KafkaAdapterFactory>();
        budget = new DeliveryBudget(options.MaxPendingStreamsPerSilo, options.MaxCachedEventsPerSilo);
    }

    public string Name { get; }

    /// <summary>Records are delivered once more after a crash, and deduplicated by the grains; no rewinding.</summary>
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public static KafkaAdapterFactory Create(IServiceProvider services, string name) => new(
        name,
        services.GetOptionsByName<KafkaStreamOptions>(name),
        services.GetRequiredKeyedService<IKafkaRecordMapper>(name),
        services.GetRequiredKeyedService<IKafkaCheckpointer>(name),
        services.GetRequiredService<KafkaStreamTelemetry>(),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetRequiredService<ILoggerFactory>());

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    /// <summary>Reads the topics' partition counts: the queues every silo agrees on.</summary>
    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        var config = new AdminClientConfig(new Dictionary<string, string>(options.ClientProperties)) { BootstrapServers = options.BootstrapServers };
        using var admin = new AdminClientBuilder(config).Build();
        var metadata = admin.GetMetadata(options.MetadataTimeout);
        var topics = options.Topics.Select(topic =>
        {
            var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
            return found is { Partitions.Count: > 0 } && !found.Error.IsError
                ? (topic, found.Partitions.Count)
                : throw new InvalidOperationException($"Kafka stream provider '{Name}': topic '{topic}' does not exist on {options.BootstrapServers} or has no partitions.");
        }).ToList();
        queueMapper = new KafkaQueueMapper(topics);
        LogQueues(Name, string.Join(", ", topics.Select(t => $"{t.topic}: {t.Count}")), topics.Sum(t => t.Count));
        return Task.FromResult<IQueueAdapter>(this);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => this;

    public IStreamQueueMapper GetStreamQueueMapper() =>
        queueMapper ?? throw new InvalidOperationException("The adapter is created first: it reads the partition counts.");

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new KafkaStreamFailureHandler(logger));

    public IQueueCache CreateQueueCache(QueueId queueId)
    {
        var cache = new KafkaQueueCache(options.MaxCachedEventsPerQueue, options.MaxCachedStreamsPerQueue, budget);
        if (receivers.TryGetValue(queueId, out var receiver))
        {
            receiver.Released += cache.Abandon;
        }

        return cache;
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var partition = ((KafkaQueueMapper)GetStreamQueueMapper()).PartitionOf(queueId);
        lock (gate)
        {
            reader ??= new KafkaPartitionReader(Name, options, loggers.CreateLogger<KafkaPartitionReader>());
            deadLetters ??= new DeadLetterPublisher(Name, options, telemetry, time, loggers.CreateLogger<DeadLetterPublisher>());
        }

        var receiver = new KafkaAdapterReceiver(partition, reader, mapper, checkpointer, deadLetters, options, telemetry, time, loggers.CreateLogger<KafkaAdapterReceiver>());
        receivers[queueId] = receiver;
        receiver.Released += () => receivers.TryRemove(new KeyValuePair<QueueId, KafkaAdapterReceiver>(queueId, receiver));
        return receiver;
    }

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException($"Kafka stream provider '{Name}' only reads: produce to the topic with a Kafka producer.");

    public void Dispose()
    {
        reader?.Dispose();
        deadLetters?.Dispose();
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Kafka stream provider {Provider}: {Topics}; {Queues} queues")]
    private partial void LogQueues(string provider, string topics, int queues);
}
