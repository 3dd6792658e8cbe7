using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Live;
using Platform.EdgeAgent.Messaging;
using Platform.EdgeAgent.Telemetry;
using Platform.Messaging;
using Platform.ServiceDefaults.Health;

namespace Platform.EdgeAgent.Commands;

/// <summary>
/// Consumes edge.commands in the agent's own group, on a thread of its own (Consume blocks): parses each record,
/// finds the camera, applies it to the sessions (which saves them) or its live stream, then stores the offset. Bad records are
/// logged (at most once per reason per interval) and counted, never fatal. Leaves the group on stop (bounded: see
/// <see cref="ConsumerClose"/>).
/// </summary>
internal sealed partial class CommandConsumer(
    KafkaClients kafka,
    SessionBook sessions,
    LiveStreams liveStreams,
    CameraRecorders recorders,
    EdgeAgentTelemetry telemetry,
    TimeProvider time,
    IOptions<EdgeAgentOptions> options,
    ReadinessSignals readiness,
    ILogger<CommandConsumer> logger) : BackgroundService
{
    /// <summary>Raised while the commands consumer is subscribed: part of the agent's readiness.</summary>
    public const string ReadinessSignal = "commands-consumer";

    private readonly LogThrottle badLog = new(time, options.Value.BadCommandLogInterval);
    private volatile bool assigned;

    /// <summary>True once the group has assigned the topic's partitions to this agent.</summary>
    public bool Assigned => assigned;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var consumer = new ConsumerBuilder<Ignore, byte[]>(kafka.CommandsConsumerConfig())
            .SetPartitionsAssignedHandler((_, partitions) => assigned = partitions.Count > 0)
            .SetPartitionsRevokedHandler((_, _) => assigned = false)
            .SetErrorHandler((_, error) => LogKafkaError(logger, error.Code.ToString(), error.Reason))
            .Build();
        consumer.Subscribe(kafka.Options.CommandsTopic);
        readiness.Raise(ReadinessSignal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<Ignore, byte[]>? record;
                try
                {
                    record = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    LogKafkaError(logger, e.Error.Code.ToString(), e.Error.Reason);
                    continue;
                }

                if (record?.Message is null)
                {
                    continue;
                }

                Handle(record);
                consumer.StoreOffset(record);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            readiness.Lower(ReadinessSignal);
            if (!ConsumerClose.CloseWithin(consumer, ConsumerClose.DefaultBound))
            {
                LogCloseAbandoned(logger, ConsumerClose.DefaultBound.TotalSeconds);
            }
        }
    }

    private void Handle(ConsumeResult<Ignore, byte[]> record)
    {
        var traceParent = TraceParent.FromHeaders(record.Message.Headers);
        using var activity = TraceParent.Start($"{record.Topic} process", ActivityKind.Consumer, traceParent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", record.Topic);
        activity?.SetTag("messaging.kafka.offset", record.Offset.Value);

        var parsed = CommandParser.Parse(record.Message.Value);
        if (parsed.Live is { } live)
        {
            HandleLive(live);
            return;
        }

        if (parsed.Command is null)
        {
            Bad(parsed.Reason!.Value, parsed.Detail ?? "", record);
            return;
        }

        var command = parsed.Command;
        // The cameras of this moment: edge.config adds and removes them while the agent runs.
        var camera = recorders.Cameras.Resolve(command);
        if (camera is null)
        {
            // On a topic shared by many agents most commands name other agents' cameras (or one removed since): counted, logged at debug.
            telemetry.BadCommand(BadCommandReason.UnknownCamera);
            LogNotOurs(logger, command.CameraId?.Value ?? command.Sensor.Id);
            return;
        }

        var outcome = sessions.Apply(command, camera, TraceParent.Current(activity, traceParent));
        activity?.SetTag("edge.command.outcome", outcome.Kind.ToString());
        switch (outcome.Kind)
        {
            case CommandOutcomeKind.Rejected:
                Bad(outcome.Reason!.Value, outcome.Detail ?? "", record);
                break;
            case CommandOutcomeKind.Duplicate:
                telemetry.DuplicateCommand();
                LogDuplicate(logger, camera.Id, command.CommandId?.Value);
                break;
            default:
                LogApplied(logger, command.Command, camera.Id, outcome.Kind.ToString(), outcome.Session?.ClipId.Value,
                    outcome.Session?.Start, outcome.Session?.End);
                break;
        }
    }

    private void HandleLive(Grains.Interfaces.Edge.LiveViewCommand live)
    {
        if (recorders.Cameras.ById(live.CameraId.Value) is not { } camera)
        {
            telemetry.BadCommand(BadCommandReason.UnknownCamera);
            LogNotOurs(logger, live.CameraId.Value);
            return;
        }

        // This thread is the consumer's own: waiting here (a stop ends ffmpeg and deletes the stream's objects,
        // both bounded) only delays the next command, as applying a recording command does.
        try
        {
            liveStreams.ApplyAsync(live, camera, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A live view is worth less than the consumer that also carries recordings: the viewer's next renewal retries.
            LogLiveFailed(logger, e, live.Command, camera.Id);
        }
    }

    private void Bad(BadCommandReason reason, string detail, ConsumeResult<Ignore, byte[]> record)
    {
        telemetry.BadCommand(reason);
        if (badLog.ShouldLog(reason.ToString(), out var suppressed))
        {
            LogBad(logger, BadCommandReasons.Tag(reason), record.Partition.Value, record.Offset.Value, detail, suppressed);
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Bad command ({Reason}) at partition {Partition} offset {Offset}: {Detail} ({Suppressed} more of this kind not logged)")]
    private static partial void LogBad(ILogger logger, string reason, int partition, long offset, string detail, int suppressed);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Command for '{Camera}', not a camera of this agent")]
    private static partial void LogNotOurs(ILogger logger, string camera);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Duplicate command for camera {CameraId} (commandId {CommandId})")]
    private static partial void LogDuplicate(ILogger logger, string cameraId, string? commandId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "{Command} for camera {CameraId}: {Outcome} clip {ClipId} [{Start:o} .. {End:o}]")]
    private static partial void LogApplied(ILogger logger, string command, string cameraId, string outcome, string? clipId,
        DateTimeOffset? start, DateTimeOffset? end);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "The commands consumer did not leave its group within {Seconds} s (broker unreachable?); stopping without it")]
    private static partial void LogCloseAbandoned(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "{Command} for camera {CameraId} failed; the next renewal tries again")]
    private static partial void LogLiveFailed(ILogger logger, Exception error, string command, string cameraId);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Kafka: {Code}: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string code, string reason);
}
