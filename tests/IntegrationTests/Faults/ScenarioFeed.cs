using System.Diagnostics;
using Confluent.Kafka;
using Platform.Messaging;
using Platform.Simulator.Publishing;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// Produces a scenario's records as its devices would: keyed by sensor id, in order, with the platform's producer
/// settings, so that the same list produced to two brokers lands at the same partitions and offsets.
/// </summary>
internal static class ScenarioFeed
{
    /// <summary>Everything at once (the reference run's input).</summary>
    public static Task ProduceAllAsync(string bootstrapServers, string topic, IReadOnlyList<ScenarioMessage> messages) =>
        ProducePacedAsync(bootstrapServers, topic, messages, double.PositiveInfinity, CancellationToken.None);

    /// <summary>Message n at n / <paramref name="rate"/> seconds after the call: steady load. Completes when all are delivered.</summary>
    public static async Task ProducePacedAsync(string bootstrapServers, string topic, IReadOnlyList<ScenarioMessage> messages, double rate,
        CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(bootstrapServers, "load-feed")).Build();
        var pacer = double.IsPositiveInfinity(rate) ? null : new RatePacer(rate, null);
        var clock = Stopwatch.StartNew();
        var failed = 0;
        var sent = 0;
        while (sent < messages.Count)
        {
            var due = pacer is null ? messages.Count : (int)Math.Min(messages.Count, pacer.DueBy(clock.Elapsed));
            for (; sent < due; sent++)
            {
                Produce(producer, topic, messages[sent], () => Interlocked.Increment(ref failed));
            }

            if (sent < messages.Count)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
            }
        }

        await Task.Run(() => producer.Flush(cancellationToken), cancellationToken);
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {messages.Count} load records were not delivered.");
        }
    }

    private static void Produce(IProducer<string, byte[]> producer, string topic, ScenarioMessage message, Action onFailure)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = message.Key, Value = message.Value }, report =>
                {
                    if (report.Error.IsError)
                    {
                        onFailure();
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
}
