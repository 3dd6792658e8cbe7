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
    public static (double Rate, TimeSpan Join) Run(ConsumerConfig config, string topic, int messages)
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
            while (count < messages)
            {
                _ = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException($"stalled after {count}");
                if (count == 0)
                {
                    join = joining.Elapsed;
                    reading.Start();
                }

                count++;
            }

            var rate = (count - 1) / reading.Elapsed.TotalSeconds;
            if (consumer.Assignment.Any(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(5)).Low.Value > 0))
            {
                throw new InvalidOperationException("messages fell off the log start");
            }

            consumer.Close();
            return (rate, join);
        }
    }
}
