using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Live;
using Platform.Silo.Configuration;

namespace Platform.Silo.Kafka;

/// <summary>Live-view commands to `edge.commands`, keyed by camera id like recording commands, on the silo's shared producer.</summary>
public sealed class KafkaLiveCommandSender(SharedProducer producer, IOptions<KafkaOptions> options) : ILiveCommandSender
{
    /// <summary>A viewer waits for the answer: a broker that does not take the command within this fails the call instead.</summary>
    private static readonly TimeSpan SendBound = TimeSpan.FromSeconds(5);

    public async Task SendAsync(LiveViewCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(SendBound);
        await producer.Producer.ProduceAsync(options.Value.CommandsTopic, new Message<string, byte[]>
        {
            Key = command.CameraId.Value,
            Value = JsonSerializer.SerializeToUtf8Bytes(command, EdgeJsonContext.Default.LiveViewCommand),
        }, bounded.Token);
    }
}
