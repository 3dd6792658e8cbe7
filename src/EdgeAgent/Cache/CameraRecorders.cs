using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Cache;

/// <summary>One <see cref="CameraRecorder"/> per configured camera, run for the host's lifetime.</summary>
internal sealed partial class CameraRecorders : BackgroundService
{
    private readonly Dictionary<CameraId, CameraRecorder> recorders;
    private readonly SessionBook sessions;
    private readonly string cacheDirectory;
    private readonly ILogger logger;

    public CameraRecorders(IOptions<EdgeAgentOptions> options, SessionBook sessions, TimeProvider time,
        EdgeAgentTelemetry telemetry, ILoggerFactory loggers)
    {
        this.sessions = sessions;
        var agent = options.Value;
        var logger = loggers.CreateLogger<CameraRecorder>();
        this.logger = loggers.CreateLogger<CameraRecorders>();
        cacheDirectory = agent.CacheDirectory;
        recorders = agent.Cameras.ToDictionary(
            c => CameraId.From(c.Id),
            c => new CameraRecorder(c, agent, time, telemetry, logger, sessions.EarliestStart));
    }

    public IReadOnlyCollection<CameraRecorder> All => recorders.Values;

    public CameraRecorder Get(CameraId camera) =>
        recorders.TryGetValue(camera, out var recorder) ? recorder : throw new KeyNotFoundException($"No camera '{camera}'.");

    public IReadOnlyList<EdgeCameraStatus> Status() =>
        [.. recorders.Values.Select(r => r.Status(sessions.IsRecording(r.Id)))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        StopOrphanedRecorders();
        // The camera directories exist before the watcher starts, so it watches each of them from the first segment.
        foreach (var recorder in recorders.Values)
        {
            Directory.CreateDirectory(recorder.Directory);
        }

        using var newSegments = new NewSegmentWatcher(cacheDirectory, recorders.Values);
        newSegments.Start();
        await Task.WhenAll(recorders.Values.Select(r => Task.Run(() => r.RunAsync(stoppingToken), CancellationToken.None)));
    }

    private void StopOrphanedRecorders()
    {
        foreach (var pid in OrphanedRecorders.Find(cacheDirectory))
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
}
