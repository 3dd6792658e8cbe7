using System.Globalization;
using System.Text;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Instances.Exceptions;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Telemetry;
using Platform.EdgeAgent.Video;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Cache;

/// <summary>
/// The segment cache of one camera: supervises one ffmpeg recorder run through FFMpegCore (restarted with backoff
/// when it exits or stalls), follows its CSV segment list (read when <see cref="NewSegmentWatcher"/> says it grew), keeps the index of finished segments with their wall-clock times,
/// and deletes what falls out of the window or the byte bound. The first segment of every recorder run is
/// dropped: it starts at the connection, not on a keyframe, and its listed start is the connection time.
/// Its configuration can change while it runs (<see cref="Update"/>): what ffmpeg does not see is taken at once,
/// a new source, credentials or segment length start a new run. <see cref="Start"/> and <see cref="StopAsync"/> let
/// <see cref="CameraRecorders"/> add and remove cameras while the agent runs.
/// </summary>
internal sealed partial class CameraRecorder
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private const int ErrorLinesKept = 4;

    private readonly EdgeAgentOptions agent;
    private readonly TimeProvider time;
    private readonly EdgeAgentTelemetry telemetry;
    private readonly ILogger logger;
    private readonly Func<CameraId, DateTimeOffset?> keepFrom;
    private readonly Lock gate = new();
    private readonly List<Segment> segments = [];
    private readonly Dictionary<string, int> leases = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource leasesReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile CameraOptions camera;
    private CancellationTokenSource? currentRun;
    private int restartRequested;
    private Task? runTask;
    private string? problem;
    private TaskCompletionSource segmentAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource listGrown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool running;
    private volatile bool receiving;
    private int restarts;
    private string? lastError;
    private int run;

    public CameraRecorder(CameraOptions camera, EdgeAgentOptions agent, TimeProvider time, EdgeAgentTelemetry telemetry,
        ILogger logger, Func<CameraId, DateTimeOffset?> keepFrom)
    {
        this.camera = camera;
        Id = CameraId.From(camera.Id);
        this.agent = agent;
        this.time = time;
        this.telemetry = telemetry;
        this.logger = logger;
        this.keepFrom = keepFrom;
        Directory = Path.Combine(agent.CacheDirectory, camera.Id);
    }

    public CameraId Id { get; }

    /// <summary>The configuration in force; replaced whole by <see cref="Update"/>, never changed in place.</summary>
    public CameraOptions Camera => camera;

    /// <summary>Where the camera's configuration came from, as <see cref="EdgeCameraStatus.Source"/> reports it.</summary>
    public string Origin { get; set; } = EdgeCameraStatus.LocalSource;

    /// <summary>A problem reported even while recording (the cloud's entry for this camera is overridden locally).</summary>
    public string? StandingProblem { get; set; }

    public string Directory { get; }

    public int Restarts => Volatile.Read(ref restarts);

    /// <summary>
    /// A segment was closed and added to the index. Raised on the recorder's thread before retention runs, so a
    /// handler that links the file elsewhere (continuous upload) gets it before the cache may delete it.
    /// </summary>
    public event Action<CameraRecorder, Segment>? SegmentClosed;

    /// <summary>The finished segments, oldest first.</summary>
    public IReadOnlyList<Segment> Segments
    {
        get
        {
            lock (gate)
            {
                return [.. segments];
            }
        }
    }

    /// <summary>Keeps <paramref name="leased"/> from being deleted until the lease is disposed (a cut reads them).</summary>
    public IDisposable Lease(IEnumerable<Segment> leased)
    {
        var paths = leased.Select(s => s.Path).ToList();
        lock (gate)
        {
            foreach (var path in paths)
            {
                leases[path] = leases.GetValueOrDefault(path) + 1;
            }
        }

        return new Release(this, paths);
    }

    /// <summary>Waits until a finished segment reaches <paramref name="end"/>, or <paramref name="timeout"/> passes; true if it did.</summary>
    public async Task<bool> WaitForSegmentsThroughAsync(DateTimeOffset end, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            Task added;
            lock (gate)
            {
                if (segments.Count > 0 && segments[^1].End >= end)
                {
                    return true;
                }

                added = segmentAdded.Task;
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.WhenAny(added, Task.Delay(left, time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>ffmpeg opened a new segment, so it has just listed the one before: the recorder reads its list now.</summary>
    public void ListMayHaveGrown() => Volatile.Read(ref listGrown).TrySetResult();

    public EdgeCameraStatus Status(bool recording)
    {
        lock (gate)
        {
            var last = segments.Count > 0 ? segments[^1] : null;
            var connected = running && receiving && last is not null &&
                time.GetUtcNow() - last.End < StallTimeout(firstSegment: false);
            return new EdgeCameraStatus
            {
                CameraId = Id,
                Connected = connected,
                LastSegmentAt = last?.End,
                CacheSeconds = last is null ? 0 : Math.Round((last.End - segments[0].Start).TotalSeconds, 3),
                Restarts = restarts,
                Recording = recording,
                LastError = lastError,
                Source = Origin,
                Problem = StandingProblem ?? (connected ? null : problem),
                Continuous = camera.Continuous,
            };
        }
    }

    /// <summary>
    /// Takes a new configuration of this camera. Cache bounds, container, continuous and sensor ids apply from the
    /// next segment; <paramref name="restart"/> (a new source, credentials or segment length) stops the current
    /// ffmpeg run ('q', so its last segment is whole) and starts the next one at once, without a backoff.
    /// </summary>
    public void Update(CameraOptions desired, bool restart)
    {
        ArgumentNullException.ThrowIfNull(desired);
        camera = desired;
        if (restart)
        {
            Volatile.Write(ref restartRequested, 1);
            CancelCurrentRun();
        }
    }

    /// <summary>Starts recording in the background (the cache directory is created first, so a watcher sees its first segment).</summary>
    public void Start()
    {
        System.IO.Directory.CreateDirectory(Directory);
        runTask = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>Stops recording: ffmpeg gets 'q' and is killed after a grace period if it does not go; bounded by that.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        if (runTask is not null)
        {
            await runTask;
        }
    }

    /// <summary>Waits until no cut holds a lease on this camera's segments, or <paramref name="timeout"/> passes; true if none does.</summary>
    public async Task<bool> WaitForLeasesReleasedAsync(TimeSpan timeout)
    {
        Task released;
        lock (gate)
        {
            if (leases.Count == 0)
            {
                return true;
            }

            released = leasesReleased.Task;
        }

        return await Task.WhenAny(released, Task.Delay(timeout, time)) == released;
    }

    /// <summary>Records until cancelled: picks up segments an earlier agent left, then runs ffmpeg over and over.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        run = LoadExisting() + 1;
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var produced = await RunOnceAsync(run, stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (Interlocked.Exchange(ref restartRequested, 0) == 1)
            {
                // A new configuration, not a failure: no backoff, not counted as a restart.
                LogReconfigured(logger, Id.Value);
                attempt = 0;
                run++;
                continue;
            }

            attempt = produced ? 1 : attempt + 1;
            Interlocked.Increment(ref restarts);
            telemetry.FfmpegRestarted(Id);
            var delay = Backoff.Delay(attempt, agent.RestartInitialDelay, agent.RestartMaxDelay);
            LogRestarting(logger, Id.Value, delay.TotalSeconds, lastError);
            run++;
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One ffmpeg run; true if it produced at least one usable segment.</summary>
    private async Task<bool> RunOnceAsync(int runNumber, CancellationToken agentStopping)
    {
        // This run ends when the recorder stops or a new configuration asks for a new run.
        using var thisRun = CancellationTokenSource.CreateLinkedTokenSource(agentStopping);
        Volatile.Write(ref currentRun, thisRun);
        if (Volatile.Read(ref restartRequested) == 1)
        {
            await thisRun.CancelAsync();
        }

        var stoppingToken = thisRun.Token;
        var runCamera = camera;
        var listPath = Path.Combine(Directory, FfmpegArguments.SegmentListName(runNumber));
        var lastLines = new Queue<string>();
        // Stopping sends 'q', so ffmpeg closes its current segment properly and lists it; killed if it does not go.
        var job = FfmpegArguments.Recorder(runCamera, Directory, runNumber)
            .NotifyOnStandardError(line =>
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    // ffmpeg repeats the URL it opened, credentials included: masked before it is kept anywhere.
                    var masked = CredentialMask.Mask(line.Trim(), runCamera.Password);
                    lock (lastLines)
                    {
                        lastLines.Enqueue(masked);
                        if (lastLines.Count > ErrorLinesKept)
                        {
                            lastLines.Dequeue();
                        }
                    }
                }
            })
            .CancellableThrough(out var stop, StopGrace);
        var exited = job.ProcessAsynchronously(throwOnError: false, FfmpegRunner.Options(agent), CancellationToken.None);
        running = true;
        LogStarted(logger, Id.Value, runNumber);

        var follower = new ListFollower(listPath);
        var entries = 0;
        var produced = false;
        var lastProgress = time.GetUtcNow();
        string? stallReason = null;
        FFMpegResult? result = null;
        try
        {
            while (!exited.IsCompleted)
            {
                // Nothing to do until the list grows or ffmpeg exits; the stall deadline is the only timer.
                await WaitForListAsync(exited, lastProgress + StallTimeout(firstSegment: entries < 2) - time.GetUtcNow(), stoppingToken);
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                var added = Absorb(follower, ref entries);
                if (added > 0)
                {
                    produced = true;
                    receiving = true;
                    lastProgress = time.GetUtcNow();
                    if (lastError is not null)
                    {
                        lock (gate)
                        {
                            lastError = null;
                            problem = null;
                        }
                    }
                }

                if (time.GetUtcNow() - lastProgress >= StallTimeout(firstSegment: entries < 2))
                {
                    stallReason = $"no new segment for {(time.GetUtcNow() - lastProgress).TotalSeconds:F0} s";
                    break;
                }
            }
        }
        finally
        {
            if (!exited.IsCompleted)
            {
                stop();
            }

            try
            {
                result = await exited;
            }
            catch (Exception e) when (e is FFMpegException or InstanceException)
            {
                // ffmpeg could not be found or started; FFMpegCore says which binary it tried.
                stallReason = $"cannot start ffmpeg: {CredentialMask.Mask(e.Message, runCamera.Password)}";
            }

            running = false;
            receiving = false;
            Volatile.Write(ref currentRun, null);
        }

        if (Absorb(follower, ref entries) > 0)
        {
            produced = true;
        }

        if (!stoppingToken.IsCancellationRequested)
        {
            var exitCode = (result?.ExitCode ?? -1).ToString(CultureInfo.InvariantCulture);
            List<string> lines;
            lock (lastLines)
            {
                lines = [.. lastLines];
            }

            var lastLine = lines.Count > 0 ? lines[^1] : null;
            SetError(stallReason ?? (lastLine is null
                ? $"ffmpeg exited with code {exitCode}"
                : $"ffmpeg exited with code {exitCode}: {lastLine}"),
                RecorderProblem.Classify(lines, stalled: stallReason is not null));
        }

        return produced;
    }

    /// <summary>
    /// Waits until the list may have grown, ffmpeg exits, or <paramref name="timeout"/> passes. The signal is
    /// re-armed before the caller reads the list, so a segment listed while it reads wakes the next wait at once.
    /// </summary>
    private async Task WaitForListAsync(Task exited, TimeSpan timeout, CancellationToken stoppingToken)
    {
        var signal = Volatile.Read(ref listGrown);
        if (!signal.Task.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(signal.Task, exited, Task.Delay(timeout, time, stopTimer.Token));
            await stopTimer.CancelAsync();
        }

        if (signal.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref listGrown, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
        }
    }

    /// <summary>Adds the newly listed segments (dropping the run's first) and applies retention; returns how many were added.</summary>
    private int Absorb(ListFollower follower, ref int entries)
    {
        var added = 0;
        foreach (var line in follower.ReadNewLines())
        {
            if (!SegmentListParser.TryParse(line, out var name, out var start, out var end))
            {
                continue;
            }

            entries++;
            var path = Path.IsPathRooted(name) ? name : Path.Combine(Directory, name);
            if (entries == 1)
            {
                TryDelete(path);
                continue;
            }

            long bytes;
            try
            {
                bytes = new FileInfo(path).Length;
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            var segment = new Segment(path, start, end, bytes);
            lock (gate)
            {
                segments.Add(segment);
                segmentAdded.TrySetResult();
                segmentAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            SegmentClosed?.Invoke(this, segment);
            added++;
        }

        if (added > 0)
        {
            ApplyRetention();
        }

        return added;
    }

    private void ApplyRetention()
    {
        var floor = keepFrom(Id);
        List<Segment> expired;
        lock (gate)
        {
            var inUse = leases.Keys.ToHashSet(StringComparer.Ordinal);
            expired = [.. RetentionPolicy.Expired(segments, time.GetUtcNow(), camera.CacheWindow, camera.MaxCacheBytes, floor, inUse)];
            foreach (var segment in expired)
            {
                segments.Remove(segment);
            }
        }

        foreach (var segment in expired)
        {
            TryDelete(segment.Path);
        }
    }

    /// <summary>Re-reads the lists of earlier runs (an agent restart keeps its cache), removes unlisted files; returns the highest run number.</summary>
    private int LoadExisting()
    {
        var maxRun = 0;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in System.IO.Directory.EnumerateFiles(Directory, "r*.csv").Order(StringComparer.Ordinal))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(list).AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                maxRun = Math.Max(maxRun, number);
            }

            var entries = 0;
            foreach (var line in File.ReadLines(list))
            {
                if (!SegmentListParser.TryParse(line, out var name, out var start, out var end) || ++entries == 1)
                {
                    continue;
                }

                var path = Path.IsPathRooted(name) ? name : Path.Combine(Directory, name);
                if (File.Exists(path))
                {
                    segments.Add(new Segment(path, start, end, new FileInfo(path).Length));
                    listed.Add(path);
                }
            }
        }

        segments.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*" + FfmpegArguments.SegmentExtension))
        {
            if (!listed.Contains(file))
            {
                TryDelete(file);
            }
        }

        ApplyRetention();
        // Lists whose segments are all gone are no use any more.
        foreach (var list in System.IO.Directory.EnumerateFiles(Directory, "r*.csv"))
        {
            var prefix = Path.GetFileNameWithoutExtension(list) + "-";
            if (!segments.Any(s => Path.GetFileName(s.Path).StartsWith(prefix, StringComparison.Ordinal)))
            {
                TryDelete(list);
            }
        }

        return maxRun;
    }

    private TimeSpan StallTimeout(bool firstSegment)
    {
        // A segment closes on the first keyframe after SegmentSeconds; allow for long GOPs, and for connecting.
        var steady = TimeSpan.FromSeconds(Math.Max(4 * camera.SegmentSeconds, 8));
        return firstSegment ? steady + FfmpegArguments.RtspTimeout : steady;
    }

    private void SetError(string error, string? errorProblem)
    {
        lock (gate)
        {
            lastError = error;
            problem = errorProblem;
        }
    }

    private void CancelCurrentRun()
    {
        try
        {
            Volatile.Read(ref currentRun)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That run has just ended; the next one sees the request.
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            LogDeleteFailed(logger, path, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            LogDeleteFailed(logger, path, e.Message);
        }
    }

    private void Unlease(List<string> paths)
    {
        lock (gate)
        {
            foreach (var path in paths)
            {
                if (leases.TryGetValue(path, out var count) && count > 1)
                {
                    leases[path] = count - 1;
                }
                else
                {
                    leases.Remove(path);
                }
            }

            if (leases.Count == 0)
            {
                leasesReleased.TrySetResult();
                leasesReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Camera {CameraId}: recorder started (run {Run})")]
    private static partial void LogStarted(ILogger logger, string cameraId, int run);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Camera {CameraId}: recorder stopped ({Reason}); restarting in {DelaySeconds:F1} s")]
    private static partial void LogRestarting(ILogger logger, string cameraId, double delaySeconds, string? reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Camera {CameraId}: configuration changed; recorder starting a new run")]
    private static partial void LogReconfigured(ILogger logger, string cameraId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Could not delete {Path}: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string path, string reason);

    private sealed class Release(CameraRecorder owner, List<string> paths) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Unlease(paths);
            }
        }
    }

    /// <summary>Reads whole lines appended to a file since the last call.</summary>
    private sealed class ListFollower(string path)
    {
        private long offset;
        private string partial = "";

        public IEnumerable<string> ReadNewLines()
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length <= offset)
            {
                return [];
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= offset)
            {
                return [];
            }

            stream.Seek(offset, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - offset];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            offset += read;
            var text = partial + Encoding.UTF8.GetString(buffer, 0, read);
            var end = text.LastIndexOf('\n');
            if (end < 0)
            {
                partial = text;
                return [];
            }

            partial = text[(end + 1)..];
            return text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }
}
