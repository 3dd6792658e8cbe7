using System.Diagnostics;
using Confluent.Kafka;

namespace Platform.BrokerThroughput;

/// <summary>
/// Reads a topic from the start in a new consumer group until <c>messages</c> have arrived: messages per second from
/// the first message on, and the time from Subscribe to that first message (the group join). Fails if any message fell
/// off the log start before it was read (the mock broker's retention), which would make the rate meaningless.
/// </summary>
public static class ConsumeAll
{
    /// <summary>How the loop asks for messages.</summary>
    public enum Loop
    {
        /// <summary>One blocking Consume per message, as a simple consumer does.</summary>
        Blocking,

        /// <summary>Consume(0) until the local queue is empty, then one blocking call: how a batching consumer drains.</summary>
        Drain,
    }

    public static (double Rate, TimeSpan Join) Run(ConsumerConfig config, string topic, int messages, Loop loop)
    {
        config.GroupId = $"bench-{Guid.NewGuid():N}";
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = true;
        IConsumer<string, byte[]> consumer;
        try
        {
            consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(e.Message, e);
        }

        using (consumer)
        {
            var joining = Stopwatch.StartNew();
            consumer.Subscribe(topic);
            var count = 0;
            var reading = new Stopwatch();
            var join = TimeSpan.Zero;
            var firstOffsets = new Dictionary<int, long>();
            while (count < messages)
            {
                var result = loop == Loop.Drain ? consumer.Consume(TimeSpan.Zero) : null;
                result ??= consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException($"stalled after {count}");
                if (result.IsPartitionEOF)
                {
                    continue;
                }

                if (count == 0)
                {
                    join = joining.Elapsed;
                    reading.Start();
                }

                firstOffsets.TryAdd(result.Partition.Value, result.Offset.Value);
                count++;
            }

            var rate = (count - 1) / reading.Elapsed.TotalSeconds;
            // A new group reading from the earliest offset starts each partition at its log start: a first offset above 0
            // means older messages fell off. (Asking the broker for watermarks instead queues each request behind a fetch
            // the mock holds for fetch.wait.max.ms: 128 partitions × 500 ms with the defaults.)
            if (firstOffsets.Values.Any(offset => offset > 0))
            {
                throw new InvalidOperationException("messages fell off the log start");
            }

            consumer.Close();
            return (rate, join);
        }
    }
}
