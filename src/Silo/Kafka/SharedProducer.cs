using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Silo.Configuration;

namespace Platform.Silo.Kafka;

/// <summary>
/// The process's one producer (librdkafka batches across topics and partitions, so one is faster than many).
/// It uses the shared grain partitioner, so envelopes for a grain land in the partition that owns it.
/// </summary>
public sealed partial class SharedProducer : IDisposable
{
    private readonly ILogger<SharedProducer> logger;

    public SharedProducer(IOptions<KafkaOptions> options, ILogger<SharedProducer> logger)
    {
        this.logger = logger;
        Producer = new ProducerBuilder<string, byte[]>(options.Value.Security.ApplyTo(
                KafkaClientSettings.Producer(options.Value.BootstrapServers, $"silo-{Environment.ProcessId}")))
            .SetErrorHandler((_, error) => LogError(error.Code, error.Reason))
            .Build();
    }

    public IProducer<string, byte[]> Producer { get; }

    public void Dispose()
    {
        Producer.Flush(TimeSpan.FromSeconds(10));
        Producer.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Kafka producer error {Code}: {Reason}")]
    private partial void LogError(ErrorCode code, string reason);
}
