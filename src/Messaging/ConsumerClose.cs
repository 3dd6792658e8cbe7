using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>
/// Leaves a consumer group on stop, but for a bounded time. librdkafka's close waits for the group coordinator to
/// answer the last offset commit and the leave request; with the broker gone it never does, and a service that is
/// stopping must not wait for it. The stored offsets that close would have committed are re-read after a restart,
/// which every consumer of the platform tolerates (commands are deduplicated by id), and the group drops the member
/// after its session timeout.
/// </summary>
public static class ConsumerClose
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Closes and disposes <paramref name="consumer"/> if that takes less than <paramref name="bound"/>; otherwise leaves
    /// it to the process's exit (disposing it while close still runs would free what close uses). True when closed.
    /// </summary>
    public static bool CloseWithin<TKey, TValue>(IConsumer<TKey, TValue> consumer, TimeSpan bound)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var close = Task.Run(consumer.Close);
        if (!close.Wait(bound))
        {
            return false;
        }

        consumer.Dispose();
        return true;
    }
}
