using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Live;

/// <summary>
/// The agent's live streams, at most one per camera, each only while its lease lasts: a start command starts one
/// (or renews the lease of the one with its stream id), a stop command or the lease running out ends it. The lease
/// is the cloud's clock (agents and cloud run NTP, as DeepStream's timestamps already need), checked every second,
/// so a camera is never streamed longer than its lease after the cloud went quiet.
/// </summary>
internal sealed partial class LiveStreams(
    IOptions<EdgeAgentOptions> options,
    LivePublisher publisher,
    TimeProvider time,
    ILogger<LiveStreams> logger) : BackgroundService
{
    /// <summary>The directory below the cache root that holds live streams; '~' is not allowed in a camera id, so it is no camera's.</summary>
    public const string DirectoryName = "~live";

    private static readonly TimeSpan LeaseCheck = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, LiveStream> streams = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The running streams (camera id, stream id, whether a playlist is up), for heartbeats and tests.</summary>
    public IReadOnlyList<(string CameraId, string StreamId, bool Published)> Running
    {
        get
        {
            gate.Wait();
            try
            {
                return streams.Values.Select(s => (s.CameraId.Value, s.StreamId, s.Published)).ToList();
            }
            finally
            {
                gate.Release();
            }
        }
    }

    public async Task ApplyAsync(LiveViewCommand command, CameraOptions camera, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(camera);
        await gate.WaitAsync(cancellationToken);
        try
        {
            streams.TryGetValue(camera.Id, out var current);
            if (command.Command == LiveViewCommand.StopLive)
            {
                if (current?.StreamId == command.StreamId)
                {
                    await StopAsync(current, "stopped by the cloud");
                }

                return;
            }

            // A start read again after a restart, long after it was sent, must not start a stream nobody watches.
            if (command.LeaseUntil <= time.GetUtcNow())
            {
                LogExpiredStart(logger, camera.Id, command.StreamId);
                return;
            }

            if (current?.StreamId == command.StreamId)
            {
                current.LeaseUntil = command.LeaseUntil;
                return;
            }

            if (current is not null)
            {
                await StopAsync(current, "replaced by a new stream");
            }

            streams[camera.Id] = new LiveStream(camera, command.StreamId, command.LeaseUntil, options.Value, publisher, time, logger);
            LogStarted(logger, camera.Id, command.StreamId, command.LeaseUntil);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Ends the stream of <paramref name="cameraId"/>, if one runs (the camera was removed from the agent).</summary>
    public async Task StopCameraAsync(string cameraId, string why)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            if (streams.TryGetValue(cameraId, out var stream))
            {
                await StopAsync(stream, why);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LeaseCheck, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await StopExpiredAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: StopAsync(CancellationToken) ends the streams.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            foreach (var stream in streams.Values.ToList())
            {
                await StopAsync(stream, "the agent is stopping");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task StopExpiredAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var stream in streams.Values.Where(s => s.LeaseUntil <= time.GetUtcNow()).ToList())
            {
                await StopAsync(stream, "its lease ran out");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task StopAsync(LiveStream stream, string why)
    {
        streams.Remove(stream.CameraId.Value);
        await stream.DisposeAsync();
        LogStopped(logger, stream.CameraId.Value, stream.StreamId, why);
    }

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Live stream {StreamId} of camera {CameraId} started, lease until {LeaseUntil:o}")]
    private static partial void LogStarted(ILogger logger, string cameraId, string streamId, DateTimeOffset leaseUntil);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "Live stream {StreamId} of camera {CameraId} stopped: {Why}")]
    private static partial void LogStopped(ILogger logger, string cameraId, string streamId, string why);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Debug, Message = "Live start for camera {CameraId} (stream {StreamId}) came after its lease: ignored")]
    private static partial void LogExpiredStart(ILogger logger, string cameraId, string streamId);
}
