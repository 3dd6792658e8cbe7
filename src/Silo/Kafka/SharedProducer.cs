using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Silo.Configuration;

namespace Platform.Silo.Kafka;

/// <summary>
/// The process's one producer of what grains decided (Smart Video Record commands, alerts), for the outbox relay
/// and sweeper. It sends at once (linger 0): a command is waited for at the edge, and under load librdkafka
/// still batches what accumulates while a request is in flight.
/// </summary>
public sealed partial class SharedProducer : IDisposable
{
    private readonly ILogger<SharedProducer> logger;

    public SharedProducer(IOptions<KafkaOptions> options, ILogger<SharedProducer> logger)
    {
        this.logger = logger;
        var config = KafkaClientSettings.Producer(options.Value.BootstrapServers, $"silo-{Environment.ProcessId}");
        config.LingerMs = 0;
        Producer = new ProducerBuilder<string, byte[]>(options.Value.Security.ApplyTo(config))
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
