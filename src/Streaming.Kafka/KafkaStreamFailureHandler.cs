using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Platform.Streaming.Kafka;

/// <summary>
/// What happens when the pulling agent gives up on a delivery (it retries until the silo stops, see
/// <see cref="KafkaStreamingSiloBuilderExtensions"/>): the container is not marked delivered, so the partition's
/// checkpoint stays before it and its records are delivered again when the queue is next taken. It is logged,
/// never swallowed; subscriptions are implicit and cannot fault.
/// </summary>
internal sealed partial class KafkaStreamFailureHandler(ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailed(streamProviderName, streamIdentity, sequenceToken);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(streamProviderName, streamIdentity, sequenceToken);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Error,
        Message = "{Provider}: gave up delivering {Stream} at {Token}; its partition's checkpoint stays before it, so it is delivered again when the queue is next taken")]
    private partial void LogDeliveryFailed(string provider, StreamId stream, StreamSequenceToken? token);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "{Provider}: subscribing to {Stream} at {Token} failed")]
    private partial void LogSubscriptionFailed(string provider, StreamId stream, StreamSequenceToken? token);
}
