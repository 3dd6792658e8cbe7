using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Cache;

/// <summary>
/// The agent's recorders: one <see cref="CameraRecorder"/> per camera of the merged set (its own EdgeAgent:Cameras and
/// the cloud's edge.config, see <see cref="CameraSet"/>). <see cref="ApplyAsync"/> starts, reconfigures and stops
/// recorders while the agent runs; readers (commands, clips, heartbeats) always see one whole set, never half an apply.
/// </summary>
internal sealed partial class CameraRecorders : BackgroundService
{
    /// <summary>How long a removed camera's cache waits for cuts still reading it before it is deleted anyway.</summary>
    private static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(10);

    private readonly EdgeAgentOptions agent;
    private readonly SessionBook sessions;
    private readonly TimeProvider time;
    private readonly EdgeAgentTelemetry telemetry;
    private readonly ILogger recorderLogger;
    private readonly ILogger logger;
    private readonly SemaphoreSlim applying = new(1, 1);
    private volatile RecorderSet current = RecorderSet.Empty;
    private NewSegmentWatcher? newSegments;
    private bool stopped;

    public CameraRecorders(IOptions<EdgeAgentOptions> options, SessionBook sessions, TimeProvider time,
        EdgeAgentTelemetry telemetry, ILoggerFactory loggers)
    {
        agent = options.Value;
        this.sessions = sessions;
        this.time = time;
        this.telemetry = telemetry;
        recorderLogger = loggers.CreateLogger<CameraRecorder>();
        logger = loggers.CreateLogger<CameraRecorders>();
    }

    public IReadOnlyCollection<CameraRecorder> All => [.. current.Recorders.Values];

    /// <summary>
    /// A segment of any recorder closed, raised on that recorder's thread before its cache retention runs (continuous
    /// recording links it then). Recorders added later raise it too.
    /// </summary>
    public event Action<CameraRecorder, Segment>? SegmentClosed;

    /// <summary>The names commands can use for the cameras recording now.</summary>
    public CameraDirectory Cameras => current.Directory;

    public CameraRecorder Get(CameraId camera) =>
        Find(camera) ?? throw new KeyNotFoundException($"No camera '{camera}'.");

    /// <summary>The camera's recorder, or null when the agent does not record it (never did, or it was removed).</summary>
    public CameraRecorder? Find(CameraId camera) => current.Recorders.GetValueOrDefault(camera);

    /// <summary>Every camera of the merged set, those that cannot run included (with their problem).</summary>
    public IReadOnlyList<EdgeCameraStatus> Status()
    {
        var set = current;
        return [.. set.Recorders.Values.Select(r => r.Status(sessions.IsRecording(r.Id))), .. set.NotRunning];
    }

    /// <summary>
    /// Makes the recorders match the local cameras merged with <paramref name="cloud"/>: new cameras start, removed
    /// ones stop (ffmpeg gets 'q', bounded) and lose their cache, changed ones are updated in place or restarted
    /// (<see cref="RecorderChanges"/>). Returns the cameras removed, so their other users (live view) can let go too.
    /// </summary>
    public async Task<IReadOnlyList<CameraId>> ApplyAsync(IReadOnlyList<PlannedCamera> cloud)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        await applying.WaitAsync();
        try
        {
            if (stopped)
            {
                return [];
            }

            var before = current;
            var recorders = new Dictionary<CameraId, CameraRecorder>();
            var notRunning = new List<EdgeCameraStatus>();
            var started = new List<CameraRecorder>();
            foreach (var planned in CameraSet.Merge(agent.Cameras, cloud))
            {
                var id = CameraId.From(planned.Options.Id);
                if (!planned.Runs)
                {
                    notRunning.Add(NotRunning(id, planned));
                    continue;
                }

                if (before.Recorders.TryGetValue(id, out var recorder))
                {
                    var change = RecorderChanges.Between(recorder.Camera, planned.Options);
                    if (change != RecorderChange.None)
                    {
                        recorder.Update(planned.Options, restart: change == RecorderChange.Restart);
                        LogChanged(logger, id.Value, change.ToString());
                    }
                }
                else
                {
                    recorder = new CameraRecorder(planned.Options, agent, time, telemetry, recorderLogger, sessions.EarliestStart);
                    recorder.SegmentClosed += (closer, segment) => SegmentClosed?.Invoke(closer, segment);
                    started.Add(recorder);
                }

                recorder.Origin = planned.Source;
                recorder.StandingProblem = planned.Problem;
                recorders[id] = recorder;
            }

            var removed = before.Recorders.Values.Where(r => !recorders.ContainsKey(r.Id)).ToList();
            // Published before the new recorders start, so the watcher finds each one from its first segment.
            current = new RecorderSet(recorders, notRunning);
            foreach (var recorder in started)
            {
                recorder.Start();
                LogAdded(logger, recorder.Id.Value, recorder.Origin);
            }

            await Task.WhenAll(removed.Select(RemoveAsync));
            return [.. removed.Select(r => r.Id)];
        }
        finally
        {
            applying.Release();
        }
    }

    /// <summary>Stops leftover ffmpeg runs, watches the cache and starts the local cameras before the other services start.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        StopOrphanedRecorders();
        Directory.CreateDirectory(agent.CacheDirectory);
        newSegments = new NewSegmentWatcher(agent.CacheDirectory,
            directory => current.Recorders.GetValueOrDefault(CameraId.From(directory)),
            () => current.Recorders.Values);
        newSegments.Start();
        await ApplyAsync([]);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: every recorder ends its ffmpeg run below.
        }

        await applying.WaitAsync(CancellationToken.None);
        try
        {
            stopped = true;
            await Task.WhenAll(current.Recorders.Values.Select(r => r.StopAsync()));
        }
        finally
        {
            applying.Release();
            newSegments?.Dispose();
        }
    }

    private async Task RemoveAsync(CameraRecorder recorder)
    {
        await recorder.StopAsync();
        // A cut may still be reading its segments: give it a moment, then the cache goes whatever it does (its cut fails, logged).
        if (!await recorder.WaitForLeasesReleasedAsync(LeaseWait))
        {
            LogLeasesOutlived(logger, recorder.Id.Value, LeaseWait.TotalSeconds);
        }

        try
        {
            Directory.Delete(recorder.Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheNotDeleted(logger, recorder.Id.Value, e.Message);
        }

        LogRemoved(logger, recorder.Id.Value);
    }

    private static EdgeCameraStatus NotRunning(CameraId id, PlannedCamera planned) => new()
    {
        CameraId = id,
        Connected = false,
        CacheSeconds = 0,
        Restarts = 0,
        Recording = false,
        Source = planned.Source,
        Problem = planned.Problem,
        Continuous = planned.Options.Continuous,
    };

    private void StopOrphanedRecorders()
    {
        foreach (var pid in OrphanedRecorders.Find(agent.CacheDirectory))
        {
            try
            {
                using var orphan = System.Diagnostics.Process.GetProcessById(pid);
                orphan.Kill();
                orphan.WaitForExit(TimeSpan.FromSeconds(5));
                LogOrphanStopped(logger, pid);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already, or not ours: nothing to stop.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped ffmpeg {Pid}, a recorder an earlier agent left running in the cache")]
    private static partial void LogOrphanStopped(ILogger logger, int pid);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Camera {CameraId} added ({Source} configuration); recorder starting")]
    private static partial void LogAdded(ILogger logger, string cameraId, string source);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Camera {CameraId} configuration changed: {Change}")]
    private static partial void LogChanged(ILogger logger, string cameraId, string change);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Camera {CameraId} removed; recorder stopped and its cache deleted")]
    private static partial void LogRemoved(ILogger logger, string cameraId);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Camera {CameraId} removed while a cut still read its cache after {Seconds} s; deleting it anyway")]
    private static partial void LogLeasesOutlived(ILogger logger, string cameraId, double seconds);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Camera {CameraId} removed, but its cache could not be deleted: {Reason}")]
    private static partial void LogCacheNotDeleted(ILogger logger, string cameraId, string reason);

    /// <summary>One consistent view of the recorders, replaced whole by each apply.</summary>
    private sealed class RecorderSet(IReadOnlyDictionary<CameraId, CameraRecorder> recorders, IReadOnlyList<EdgeCameraStatus> notRunning)
    {
        public static readonly RecorderSet Empty = new(new Dictionary<CameraId, CameraRecorder>(), []);

        public IReadOnlyDictionary<CameraId, CameraRecorder> Recorders { get; } = recorders;

        public IReadOnlyList<EdgeCameraStatus> NotRunning { get; } = notRunning;

        public CameraDirectory Directory { get; } = new(recorders.Values.Select(r => r.Camera));
    }
}
