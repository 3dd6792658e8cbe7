using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Hosting;

namespace Platform.Streaming.Kafka;

public static class KafkaStreamingSiloBuilderExtensions
{
    /// <summary>
    /// Adds a Kafka stream provider named <paramref name="name"/>. Register an <see cref="Mapping.IKafkaRecordMapper"/>
    /// and an <see cref="Checkpoints.IKafkaCheckpointer"/> as keyed services under the same name. The pulling agent
    /// retries a failed delivery until it succeeds or the silo stops (never skips a container), backs off from 100 ms
    /// to 2 s, and polls every <paramref name="pollPeriod"/> when its queue is idle. Subscriptions are implicit
    /// (<paramref name="pubSub"/>): explicit ones would need a PubSubStore grain storage.
    /// </summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<OptionsBuilder<KafkaStreamOptions>> configure,
        TimeSpan? pollPeriod = null, StreamPubSubType pubSub = StreamPubSubType.ImplicitOnly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<KafkaStreamTelemetry>();
        builder.Services.AddMetrics();
        return builder.AddPersistentStreams(name, KafkaAdapterFactory.Create, stream =>
        {
            stream.Configure(configure);
            stream.ConfigureDelegate(services => services.AddTransient(sp => KafkaStreamOptionsValidator.Create(sp, name)));
            stream.ConfigureBackoffProvider((_, _) => new DeliveryBackoff());
            stream.ConfigureStreamPubSub(pubSub);
            stream.ConfigurePullingAgent(agent => agent.Configure(options =>
            {
                // An event is either delivered or still there after a restart: giving up would skip it.
                options.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan;
                options.BatchContainerBatchSize = 1;
                // A read waits up to ReadWait for the first record itself, so a short period only bounds idle gaps.
                options.GetQueueMsgsTimerPeriod = pollPeriod ?? TimeSpan.FromMilliseconds(20);
            }));
        });
    }
}
