using System.Collections.Concurrent;
using Confluent.Kafka;
using Platform.Testing;

namespace Platform.IntegrationTests.Infrastructure;

[Collection(KafkaCollection.Name)]
public sealed class EmbeddedKafkaBrokerTests(KafkaFixture kafka)
{
    private const int Partitions = 12;

    [Fact]
    public async Task Keyed_messages_are_consumed_exactly_once_by_a_group_that_rebalances_when_a_third_member_joins()
    {
        var topic = kafka.CreateTopic("group", Partitions);
        var groupId = $"group-{Guid.NewGuid():N}";
        var seen = new ConcurrentBag<Record>();
        await using var first = new GroupMember("first", kafka.BootstrapServers, groupId, topic, seen);
        await using var second = new GroupMember("second", kafka.BootstrapServers, groupId, topic, seen);
        await WaitForBalancedGroup([first, second]);

        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();

        var firstHalf = await ProduceAsync(producer, topic, from: 0, count: 5_000);
        await Eventually.WaitAsync(() => seen.Count >= 5_000, TimeSpan.FromSeconds(30), "the first 5,000 messages");
        await Eventually.WaitAsync(() => !first.HasUncommitted && !second.HasUncommitted, TimeSpan.FromSeconds(10),
            "the members to commit what they consumed");

        await using var third = new GroupMember("third", kafka.BootstrapServers, groupId, topic, seen);
        await WaitForBalancedGroup([first, second, third]);
        Assert.True(first.Generations > 1 && second.Generations > 1, "the first two members were not rebalanced");

        var secondHalf = await ProduceAsync(producer, topic, from: 5_000, count: 5_000);
        await Eventually.WaitAsync(() => seen.Count >= 10_000, TimeSpan.FromSeconds(30), "all 10,000 messages");

        var produced = firstHalf.Concat(secondHalf).ToList();
        Assert.All(produced, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
        var consumed = seen.ToList();
        var duplicates = consumed.GroupBy(r => r.Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.Equal(produced.Select(r => r.Message.Value).Order(), consumed.Select(r => r.Value).Order());
        Assert.Equal(
            produced.Select(r => (r.Partition.Value, r.Offset.Value)).Order(),
            consumed.Select(r => (r.Partition, r.Offset)).Order());
        // The key decides the partition: every message of one key sits in one partition.
        Assert.All(consumed.GroupBy(r => r.Key), g => Assert.Single(g.Select(r => r.Partition).Distinct()));
        Assert.True(third.ConsumedCount > 0, "the member that joined late consumed nothing");
    }

    private static async Task<List<DeliveryResult<string, string>>> ProduceAsync(
        IProducer<string, string> producer, string topic, int from, int count)
    {
        var deliveries = Enumerable.Range(from, count).Select(i => producer.ProduceAsync(topic, new Message<string, string>
        {
            Key = $"sensor-{i % 97}",
            Value = $"message-{i:D5}",
        }));
        return [.. await Task.WhenAll(deliveries)];
    }

    // Each partition is owned by exactly one member, and together they own all of them.
    private static Task WaitForBalancedGroup(IReadOnlyList<GroupMember> members) => Eventually.WaitAsync(() =>
    {
        var owned = members.Select(m => m.Assignment).ToList();
        return owned.All(a => a.Count > 0)
            && owned.Sum(a => a.Count) == Partitions
            && owned.SelectMany(a => a).Distinct().Count() == Partitions;
    }, TimeSpan.FromSeconds(30), $"{members.Count} members to share {Partitions} partitions");

    private sealed record Record(string Key, string Value, int Partition, long Offset);

    /// <summary>
    /// A consumer on its own thread that records what it consumes and commits its position whenever it has
    /// caught up. The mock broker refuses offset commits while a rebalance is in progress (so committing in
    /// the revoke handler fails there), and a member that joins while the others are idle must then find
    /// every consumed offset committed.
    /// </summary>
    private sealed class GroupMember : IAsyncDisposable
    {
        private readonly IConsumer<string, string> consumer;
        private readonly ConcurrentBag<Record> seen;
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private volatile IReadOnlyList<int> assignment = [];
        private int generations;
        private int consumedCount;
        private volatile bool uncommitted;

        public GroupMember(string name, string bootstrapServers, string groupId, string topic, ConcurrentBag<Record> seen)
        {
            this.seen = seen;
            consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = groupId,
                ClientId = name,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
                SessionTimeoutMs = 6000,
                HeartbeatIntervalMs = 1000,
                MaxPollIntervalMs = 10000,
            })
                .SetPartitionsAssignedHandler((_, partitions) =>
                {
                    Interlocked.Increment(ref generations);
                    assignment = [.. partitions.Select(p => p.Partition.Value)];
                })
                .SetPartitionsRevokedHandler((_, _) => assignment = [])
                .Build();
            consumer.Subscribe(topic);
            loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
        }

        public IReadOnlyList<int> Assignment => assignment;

        public int Generations => Volatile.Read(ref generations);

        public int ConsumedCount => Volatile.Read(ref consumedCount);

        public bool HasUncommitted => uncommitted;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            consumer.Close();
            consumer.Dispose();
            stop.Dispose();
        }

        private void CommitWhenCaughtUp()
        {
            if (!uncommitted)
            {
                return;
            }

            try
            {
                consumer.Commit();
                uncommitted = false;
            }
            catch (KafkaException e) when (e.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.Local_NoOffset)
            {
                // Tried again at the next idle poll.
            }
        }

        private void Run()
        {
            while (!stop.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null)
                {
                    CommitWhenCaughtUp();
                    continue;
                }

                uncommitted = true;
                seen.Add(new Record(result.Message.Key, result.Message.Value, result.Partition.Value, result.Offset.Value));
                Interlocked.Increment(ref consumedCount);
            }
        }
    }
}
