using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>
/// The client settings every process of the platform uses, in one place: producers that keep order per
/// partition and hash keys with librdkafka's `consistent_random` (as DeepStream does), and group members that hand over
/// partitions in seconds rather than minutes (measured against the embedded broker; see the README).
/// </summary>
public static class KafkaClientSettings
{
    public static ProducerConfig Producer(string bootstrapServers, string clientId) => new()
    {
        BootstrapServers = bootstrapServers,
        ClientId = clientId,
        Partitioner = Partitioner.ConsistentRandom,
        // Idempotence keeps per-partition order across retries, which the silo's duplicate check relies on.
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
        BatchSize = 1024 * 1024,
        MessageTimeoutMs = 0, // retried until delivered; outages are waited out, not turned into loss
    };

    public static ConsumerConfig GroupMember(string bootstrapServers, string groupId, string clientId) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
        ClientId = clientId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        // A departed member's partitions move after ~6 s instead of the defaults' 45 s (session) or 5 min (poll).
        SessionTimeoutMs = 6000,
        HeartbeatIntervalMs = 1000,
        MaxPollIntervalMs = 30000,
        // The broker answers a fetch when data arrives or after this wait; the default 500 ms would be added to every
        // consumer hop between a device event and its clip (the embedded broker always waits it out).
        FetchWaitMaxMs = 10,
        FetchMaxBytes = 16 * 1024 * 1024,
        QueuedMinMessages = 100_000,
    };
}
