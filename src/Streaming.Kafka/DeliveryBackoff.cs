using Orleans.Runtime.Providers;

namespace Platform.Streaming.Kafka;

/// <summary>
/// How long the pulling agent waits before delivering again to a grain that failed (its storage was away, its silo
/// died): 100 ms doubling to 2 s. Orleans' default starts at 1 s and grows to 30 s, which leaves a queue idle for
/// half a minute after a PostgreSQL restart of a few seconds.
/// </summary>
internal sealed class DeliveryBackoff : IMessageDeliveryBackoffProvider
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(2);

    public TimeSpan Next(int attempt)
    {
        var doubled = First * Math.Pow(2, Math.Clamp(attempt, 0, 10));
        return doubled < Longest ? doubled : Longest;
    }
}
