using Confluent.Kafka;
using Platform.Messaging;
using Platform.Simulator.Messages;

namespace Platform.Simulator.Publishing;

/// <summary>
/// Produces DeepStream messages keyed by sensor id, as DeepStream's Kafka adapter does, with the platform's producer
/// settings (librdkafka's consistent_random partitioner, which the silo's KafkaPartitioner matches). Failed deliveries are counted.
/// </summary>
public sealed class KafkaDeepStreamSink : IDeepStreamSink, IDisposable
{
    private readonly IProducer<string, byte[]> producer;
    private readonly string topic;
    private long delivered;
    private long failed;

    public KafkaDeepStreamSink(string bootstrapServers, string topic, KafkaSecurityOptions? security = null)
    {
        var config = KafkaClientSettings.Producer(bootstrapServers, "platform-sim");
        // A simulator gives up on an unreachable broker after 30 s instead of waiting for ever.
        config.MessageTimeoutMs = 30_000;
        producer = new ProducerBuilder<string, byte[]>((security ?? new KafkaSecurityOptions()).ApplyTo(config)).Build();
        this.topic = topic;
    }

    public long Delivered => Interlocked.Read(ref delivered);

    public long Failed => Interlocked.Read(ref failed);

    public void Publish(DeepStreamMessage message)
    {
        var record = new Message<string, byte[]> { Key = message.SensorId, Value = message.Payload };
        while (true)
        {
            try
            {
                producer.Produce(topic, record, report =>
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
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    /// <summary>Waits until every message is delivered or failed; returns false if some are still pending at the timeout.</summary>
    public bool Flush(TimeSpan timeout) => producer.Flush(timeout) == 0;

    public void Dispose() => producer.Dispose();
}
