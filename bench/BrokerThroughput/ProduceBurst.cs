using System.Diagnostics;
using Confluent.Kafka;

namespace Platform.BrokerThroughput;

/// <summary>
/// Produces <c>messages</c> copies of a payload as fast as the producer takes them, waits for every delivery
/// report and returns messages per second; any failed or missing delivery fails the measurement. Keys spread over
/// 1,000 sensors, as device events do. Shared by this benchmark and the load harness's raw-broker probe.
/// </summary>
public static class ProduceBurst
{
    public static double Run(ProducerConfig config, string topic, int messages, byte[] payload)
    {
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        long failed = 0;
        long delivered = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            var message = new Message<string, byte[]> { Key = $"sensor-{i % 1000}", Value = payload };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, report =>
                    {
                        if (report.Error.IsError)
                        {
                            Interlocked.Increment(ref failed);
                        }
                        else
                        {
                            Interlocked.Increment(ref delivered);
                        }
                    });
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(1));
        var rate = messages / clock.Elapsed.TotalSeconds;
        return failed > 0 || delivered != messages
            ? throw new InvalidOperationException($"{failed} delivery failures, {delivered} of {messages} delivered")
            : rate;
    }
}
