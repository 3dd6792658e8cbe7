using System.Collections.Concurrent;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;

namespace Platform.LoadHarness;

/// <summary>
/// Wraps the Kafka sink and remembers when each event of a rule sensor was handed to the producer (the moment
/// librdkafka stamps as the message's CreateTime), keyed by sensor and event time in Unix milliseconds: a command
/// names its trigger by (camera, start + pre-roll). Only rule sensors are kept, which bounds the memory.
/// </summary>
internal sealed class ProducedEventLog(IDeepStreamSink inner, IReadOnlySet<string> ruleSensors, TimeProvider time) : IDeepStreamSink
{
    private readonly ConcurrentDictionary<(string Sensor, long EventMs), DateTimeOffset> producedAt = new();
    private long published;

    public long Published => Interlocked.Read(ref published);

    public void Publish(DeepStreamMessage message)
    {
        if (ruleSensors.Contains(message.SensorId))
        {
            producedAt[(message.SensorId, message.Timestamp.ToUnixTimeMilliseconds())] = time.GetUtcNow();
        }

        inner.Publish(message);
        Interlocked.Increment(ref published);
    }

    public bool TryGetProducedAt(string sensorId, DateTimeOffset eventTime, out DateTimeOffset at) =>
        producedAt.TryGetValue((sensorId, eventTime.ToUnixTimeMilliseconds()), out at);
}
