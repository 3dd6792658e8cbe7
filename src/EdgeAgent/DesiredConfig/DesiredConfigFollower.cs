using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Live;
using Platform.EdgeAgent.Messaging;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;
using Platform.Messaging;

namespace Platform.EdgeAgent.DesiredConfig;

/// <summary>
/// Makes a managed agent (<see cref="EdgeAgentOptions.ConfigKey"/> set) record what the cloud wants. At start it applies
/// the config it saved last time (<see cref="DesiredConfigFile"/>), before the broker has said anything; then, on a
/// thread of its own, it reads edge.config from the beginning of every partition (assigned, no group: nothing to
/// commit, and every agent reads the whole topic), keeps the newest message keyed by its agent id, applies that once
/// it reached the end, and from then on applies each newer one as it arrives. Versions not above the running one
/// change nothing. A bad message is logged (throttled) and skipped; a broker that is down is retried with backoff.
/// </summary>
internal sealed partial class DesiredConfigFollower(
    KafkaClients kafka,
    CameraRecorders recorders,
    LiveStreams liveStreams,
    DesiredConfigState state,
    TimeProvider time,
    IOptions<EdgeAgentOptions> options,
    ILogger<DesiredConfigFollower> logger) : BackgroundService
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(2);

    private readonly EdgeAgentOptions agent = options.Value;
    private readonly DesiredConfigFile file = DesiredConfigFile.In(options.Value.SpoolDirectory);
    private readonly LogThrottle problemLog = new(time, TimeSpan.FromSeconds(30));

    /// <summary>Resumes the saved config, so a restart without a broker records the cloud cameras again at once.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (agent.Managed)
        {
            await ResumeSavedAsync();
        }

        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !agent.Managed
        ? Task.CompletedTask
        : Task.Factory.StartNew(() => Follow(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private async Task ResumeSavedAsync()
    {
        EdgeAgentConfig? saved;
        try
        {
            saved = file.Load();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // The topic still has the newest config: the agent gets it as soon as the broker answers.
            LogSavedUnreadable(logger, file.Path, e.Message);
            return;
        }

        if (saved is not null && state.IsNewer(saved, agent.AgentId))
        {
            await ApplyAsync(saved, save: false);
        }
    }

    private void Follow(CancellationToken stoppingToken)
    {
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                FollowOnce(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (KafkaException e)
            {
                Problem("kafka", e.Error.Code.ToString(), e.Error.Reason);
            }

            attempt++;
            stoppingToken.WaitHandle.WaitOne(Backoff.Delay(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
        }
    }

    /// <summary>One consumer's life: assign, catch up, follow. Returns or throws only when it has to start over.</summary>
    private void FollowOnce(CancellationToken stoppingToken)
    {
        var consumer = new ConsumerBuilder<string, byte[]>(kafka.ConfigConsumerConfig())
            .SetErrorHandler((_, error) => Problem("kafka", error.Code.ToString(), error.Reason))
            .Build();
        try
        {
            var partitions = Partitions(consumer, stoppingToken);
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(kafka.Options.ConfigTopic, p, Offset.Beginning)));
            var atEnd = new HashSet<int>();
            EdgeAgentConfig? newest = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string, byte[]>? record;
                try
                {
                    record = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    Problem("kafka", e.Error.Code.ToString(), e.Error.Reason);
                    continue;
                }

                if (record is null)
                {
                    continue;
                }

                var caughtUp = atEnd.Count == partitions.Count;
                if (record.IsPartitionEOF)
                {
                    atEnd.Add(record.Partition.Value);
                    if (!caughtUp && atEnd.Count == partitions.Count && newest is not null)
                    {
                        // Only the newest of everything read so far: older versions are never started on the way.
                        Apply(newest);
                    }

                    continue;
                }

                if (Parse(record) is not { } config)
                {
                    continue;
                }

                if (caughtUp)
                {
                    Apply(config);
                }
                else if (newest is null || config.Version > newest.Version)
                {
                    newest = config;
                }
            }
        }
        finally
        {
            ConsumerClose.CloseWithin(consumer, ConsumerClose.DefaultBound);
        }
    }

    /// <summary>The config topic's partitions, asked until the broker answers and the topic exists.</summary>
    private List<int> Partitions(IConsumer<string, byte[]> consumer, CancellationToken stoppingToken)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var attempt = 0;
        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();
            var topic = admin.GetMetadata(kafka.Options.ConfigTopic, MetadataTimeout).Topics.FirstOrDefault();
            if (topic is { Partitions.Count: > 0 } && topic.Error.Code == ErrorCode.NoError)
            {
                return [.. topic.Partitions.Select(p => p.PartitionId)];
            }

            Problem("topic", kafka.Options.ConfigTopic, topic?.Error.Reason ?? "no metadata");
            stoppingToken.WaitHandle.WaitOne(Backoff.Delay(++attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
        }
    }

    /// <summary>This agent's config from a record, or null (another agent's, or malformed: logged, throttled).</summary>
    private EdgeAgentConfig? Parse(ConsumeResult<string, byte[]> record)
    {
        if (!string.Equals(record.Message.Key, agent.AgentId, StringComparison.Ordinal))
        {
            return null;
        }

        var at = $"partition {record.Partition.Value} offset {record.Offset.Value}";
        try
        {
            var config = record.Message.Value is { Length: > 0 } value
                ? JsonSerializer.Deserialize(value, EdgeJsonContext.Default.EdgeAgentConfig)
                : null; // a tombstone: the agent was deleted in the cloud; it keeps what it runs until told otherwise
            if (config is null)
            {
                return null;
            }

            if (config.SchemaVersion != EdgeAgentConfig.CurrentSchemaVersion || !string.Equals(config.AgentId, agent.AgentId, StringComparison.Ordinal) ||
                config.Cameras is null)
            {
                Problem("malformed", at, $"schema {config.SchemaVersion}, agent '{config.AgentId}', cameras {(config.Cameras is null ? "missing" : "present")}");
                return null;
            }

            return config;
        }
        catch (JsonException e)
        {
            Problem("malformed", at, e.Message);
            return null;
        }
    }

    private void Apply(EdgeAgentConfig config)
    {
        if (state.IsNewer(config, agent.AgentId))
        {
            // This thread is the consumer's own: waiting for recorders to stop only delays the next message.
            ApplyAsync(config, save: true).GetAwaiter().GetResult();
        }
        else
        {
            LogNotNewer(logger, config.Version, state.Version);
        }
    }

    private async Task ApplyAsync(EdgeAgentConfig config, bool save)
    {
        var (cameras, error) = DesiredCameras.Open(config, agent.ConfigKey!);
        var removed = await recorders.ApplyAsync(cameras);
        foreach (var camera in removed)
        {
            await liveStreams.StopCameraAsync(camera.Value, "the camera was removed from this agent");
        }

        if (save)
        {
            try
            {
                file.Save(config);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Applied all the same; only a restart without a broker would run the older saved config.
                LogSaveFailed(logger, file.Path, e.Message);
            }
        }

        state.Applied(config.Version, error);
        LogApplied(logger, config.Version, DesiredCameras.Summary(cameras), save ? "edge.config" : file.Path, error);
    }

    private void Problem(string kind, string where, string detail)
    {
        if (problemLog.ShouldLog(kind, out var suppressed))
        {
            LogProblem(logger, kind, where, detail, suppressed);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Desired config version {Version} applied from {From}: {Summary}; problems: {Error}")]
    private static partial void LogApplied(ILogger logger, long version, string summary, string from, string? error);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Desired config version {Version} ignored: version {Running} runs")]
    private static partial void LogNotNewer(ILogger logger, long version, long? running);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Desired config ({Kind}) {Where}: {Detail} ({Suppressed} more not logged)")]
    private static partial void LogProblem(ILogger logger, string kind, string where, string detail, int suppressed);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "The saved desired config {Path} is unreadable ({Reason}); waiting for edge.config")]
    private static partial void LogSavedUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "The desired config could not be saved to {Path}: {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, string path, string reason);
}
