using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Continuous;
using Platform.EdgeAgent.DesiredConfig;
using Platform.EdgeAgent.Messaging;
using Platform.EdgeAgent.Spool;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Status;

/// <summary>Every <see cref="EdgeAgentOptions.HeartbeatInterval"/>: an <see cref="EdgeAgentStatus"/> on edge.status, keyed by agent id.</summary>
internal sealed partial class HeartbeatService(
    KafkaClients kafka,
    CameraRecorders recorders,
    DesiredConfigState desiredConfig,
    ClipSpool spool,
    SegmentSpool segments,
    ContinuousRecording continuous,
    EdgeAgentTelemetry telemetry,
    TimeProvider time,
    IOptions<EdgeAgentOptions> options,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    public static readonly string Version =
        typeof(HeartbeatService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly EdgeAgentOptions settings = options.Value;
    private readonly LogThrottle failureLog = new(time, TimeSpan.FromMinutes(1));

    public EdgeAgentStatus Current()
    {
        var now = time.GetUtcNow();
        return new EdgeAgentStatus
        {
            MessageId = $"{settings.AgentId}:{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}",
            OccurredAt = now,
            AgentId = settings.AgentId,
            Site = settings.Site,
            Version = Version,
            // A camera that cannot run (overridden, unreadable password) has no recorder: it reports what its status says.
            Cameras = [.. recorders.Status().Select(c => continuous.Describe(c, recorders.Find(c.CameraId)?.Camera.Continuous ?? c.Continuous))],
            // Both spools: what is on this box and not yet in S3. Evictions likewise count both kinds of video lost
            // (the metrics edge_agent.spool.evictions and edge_agent.continuous.evictions tell them apart).
            SpoolCount = spool.Count + segments.Count,
            SpoolBytes = spool.Bytes + segments.Bytes,
            SpoolEvictions = (int)(telemetry.SpoolEvictions + telemetry.ContinuousEvictions),
            DiskFreeBytes = DiskFree(settings.SpoolDirectory),
            ConfigVersion = desiredConfig.Version,
            ConfigError = desiredConfig.Error,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.HeartbeatInterval, time);
        try
        {
            do
            {
                var status = Current();
                try
                {
                    await kafka.Producer.ProduceAsync(kafka.Options.StatusTopic, new Message<string, byte[]>
                    {
                        Key = settings.AgentId,
                        Value = JsonSerializer.SerializeToUtf8Bytes(status, EdgeJsonContext.Default.EdgeAgentStatus),
                    }, stoppingToken);
                }
                catch (KafkaException e)
                {
                    if (failureLog.ShouldLog("heartbeat", out var suppressed))
                    {
                        LogFailed(logger, suppressed, e.Message);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static long DiskFree(string path)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Heartbeat not sent ({Suppressed} earlier failures not logged): {Reason}")]
    private static partial void LogFailed(ILogger logger, int suppressed, string reason);
}
