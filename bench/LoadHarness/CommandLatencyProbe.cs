using System.Text.Json;
using Confluent.Kafka;
using Platform.Grains.Interfaces.Edge;
using Platform.Messaging;

namespace Platform.LoadHarness;

/// <summary>
/// Reads edge.commands from the beginning on its own thread and matches every start-recording command to the event
/// that triggered it: the command names the camera (hence the load sensor) and starts at trigger time − pre-roll.
/// Latency = the command's Kafka timestamp (stamped by the silo's producer after the commit) − when the harness
/// produced the event.
/// </summary>
internal sealed class CommandLatencyProbe : IDisposable
{
    private readonly IConsumer<string, byte[]> consumer;
    private readonly ProducedEventLog events;
    private readonly TimeSpan preRoll;
    private readonly List<CommandLatency> latencies = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;
    private long commands;
    private long unmatched;

    public CommandLatencyProbe(string bootstrapServers, ProducedEventLog events, TimeSpan preRoll)
    {
        this.events = events;
        this.preRoll = preRoll;
        consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "load-harness-commands", // assigned, not subscribed: no group join, no commits
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Assign(Enumerable.Range(0, PlatformTopics.ExternalPartitions)
            .Select(p => new TopicPartitionOffset(PlatformTopics.EdgeCommands, p, Offset.Beginning)));
        thread = new Thread(Run) { IsBackground = true, Name = "command-probe" };
        thread.Start();
    }

    public long Commands => Interlocked.Read(ref commands);

    public long Unmatched => Interlocked.Read(ref unmatched);

    /// <summary>Stops reading and returns the matched commands.</summary>
    public IReadOnlyList<CommandLatency> Stop()
    {
        stopping.Cancel();
        thread.Join();
        return latencies;
    }

    public void Dispose()
    {
        if (!stopping.IsCancellationRequested)
        {
            Stop();
        }

        consumer.Dispose();
        stopping.Dispose();
    }

    private void Run()
    {
        while (!stopping.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record?.Message is { } message)
            {
                Match(message);
            }
        }
    }

    private void Match(Message<string, byte[]> message)
    {
        using var json = JsonDocument.Parse(message.Value);
        var root = json.RootElement;
        if (root.GetProperty("command").GetString() != SmartRecordCommand.StartRecording)
        {
            return;
        }

        Interlocked.Increment(ref commands);
        var camera = root.GetProperty("sensor").GetProperty("id").GetString()!;
        var trigger = root.GetProperty("start").GetDateTimeOffset() + preRoll;
        if (events.TryGetProducedAt(LoadSeed.SensorOfCamera(camera), trigger, out var producedAt))
        {
            latencies.Add(new CommandLatency(producedAt, (message.Timestamp.UtcDateTime - producedAt.UtcDateTime).TotalMilliseconds));
        }
        else
        {
            Interlocked.Increment(ref unmatched);
        }
    }
}
