using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Platform.Gateway.Configuration;
using Platform.Grains.Interfaces.Alerts;
using Platform.Grains.Interfaces.Json;
using Platform.Messaging;

namespace Platform.Gateway.Api.Alerts;

/// <summary>
/// Reads `platform.alerts` from its end (all partitions, assigned directly: no consumer group, so every gateway
/// instance sees every alert and nothing waits for a group join) and fans each alert out to the live subscribers.
/// A subscriber that does not keep up loses its oldest undelivered alerts, never slows the others.
/// </summary>
public sealed partial class AlertFeed(IOptions<GatewayKafkaOptions> options, ILogger<AlertFeed> logger) : BackgroundService
{
    private const int SubscriberBuffer = 256;
    private readonly Lock gate = new();
    private readonly List<Channel<Alert>> subscribers = [];
    private readonly TaskCompletionSource assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the feed reads every partition: alerts raised after this reach subscribers.</summary>
    public Task Ready => assigned.Task;

    /// <summary>Alerts published from now on, until the subscription is disposed.</summary>
    public AlertSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<Alert>(new BoundedChannelOptions(SubscriberBuffer) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (gate)
        {
            subscribers.Add(channel);
        }

        return new AlertSubscription(channel.Reader, () =>
        {
            lock (gate)
            {
                subscribers.Remove(channel);
            }
        });
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var settings = KafkaClientSettings.GroupMember(options.Value.BootstrapServers, $"gateway-alerts-{Guid.NewGuid():N}", $"gateway-alerts-{Environment.ProcessId}");
        using var consumer = new ConsumerBuilder<string, byte[]>(options.Value.Security.ApplyTo(settings)).Build();
        try
        {
            AssignAll(consumer, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (consumer.Consume(stoppingToken) is { Message: { } message })
                {
                    Publish(message.Value);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>Waits for the topic to exist, then reads all its partitions from their current end.</summary>
    private void AssignAll(IConsumer<string, byte[]> consumer, CancellationToken stoppingToken)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        while (true)
        {
            try
            {
                var topic = admin.GetMetadata(options.Value.AlertsTopic, TimeSpan.FromSeconds(5)).Topics.Single();
                if (topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0)
                {
                    consumer.Assign(topic.Partitions.Select(p => new TopicPartitionOffset(topic.Topic, p.PartitionId, Offset.End)));
                    assigned.TrySetResult();
                    return;
                }
            }
            catch (KafkaException e)
            {
                LogMetadataFailed(e.Error.Reason);
            }

            stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
            stoppingToken.ThrowIfCancellationRequested();
        }
    }

    private void Publish(byte[] value)
    {
        AlertRaised? raised;
        try
        {
            raised = JsonSerializer.Deserialize(value, GrainJsonContext.Default.AlertRaised);
        }
        catch (JsonException e)
        {
            LogUnreadable(e.Message);
            return;
        }

        if (raised is null)
        {
            return;
        }

        var alert = new Alert(raised.AlertId.Value, raised.RuleId.Value, raised.RuleName, raised.Severity.ToString().ToLowerInvariant(), raised.Message,
            raised.SensorId.Value, raised.CameraId?.Value, [.. raised.RecordCameraIds.Select(c => c.Value)], raised.ZoneId, raised.LineId, raised.Class,
            raised.ObjectIds, raised.OccurredAt);
        lock (gate)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(alert);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert feed cannot read topic metadata yet: {Reason}")]
    private partial void LogMetadataFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert feed skipped an unreadable alert: {Reason}")]
    private partial void LogUnreadable(string reason);
}
