using FFMpegCore.Exceptions;
using Instances.Exceptions;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Telemetry;
using Platform.EdgeAgent.Video;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Live;

/// <summary>
/// One camera's live stream while its lease lasts: an ffmpeg HLS run (<see cref="FfmpegArguments.Live"/>, restarted
/// with backoff when the camera drops it) and a loop that mirrors its directory to the object store every
/// <see cref="SyncInterval"/>. Stopping ends ffmpeg, deletes the stream's objects and its directory.
/// </summary>
internal sealed partial class LiveStream : IAsyncDisposable
{
    /// <summary>How often the directory is mirrored: a fraction of a segment, so a new one is up soon after ffmpeg closes it.</summary>
    public static readonly TimeSpan SyncInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    private readonly CameraOptions camera;
    private readonly EdgeAgentOptions agent;
    private readonly LivePublisher publisher;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly LiveMirror mirror = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task running;
    private long leaseUntilTicks;

    public LiveStream(CameraOptions camera, string streamId, DateTimeOffset leaseUntil, EdgeAgentOptions agent, LivePublisher publisher,
        TimeProvider time, ILogger logger)
    {
        this.time = time;
        this.camera = camera;
        this.agent = agent;
        this.publisher = publisher;
        this.logger = logger;
        CameraId = CameraId.From(camera.Id);
        StreamId = streamId;
        LeaseUntil = leaseUntil;
        Directory = Path.Combine(agent.CacheDirectory, LiveStreams.DirectoryName, camera.Id, streamId);
        running = Task.Run(() => RunAsync(stopping.Token));
    }

    public CameraId CameraId { get; }

    public string StreamId { get; }

    public string Directory { get; }

    public DateTimeOffset LeaseUntil
    {
        get => new(Interlocked.Read(ref leaseUntilTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref leaseUntilTicks, value.UtcTicks);
    }

    /// <summary>A playlist has reached the object store.</summary>
    public bool Published => mirror.Published;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await running;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never thrown by design (every step above catches what it expects); if it is, the stream still stops.
            LogCleanupFailed(logger, e, CameraId.Value, StreamId);
        }

        try
        {
            // Bounded: a store that does not answer must not hold the agent's shutdown.
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
            await publisher.RemoveAllAsync(mirror, CameraId, StreamId, bound.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCleanupFailed(logger, e, CameraId.Value, StreamId);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // ffmpeg never started.
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            var error = await RunOnceAsync(stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            LogExited(logger, CameraId.Value, StreamId, error);
            // A run that lasted is not a failing camera: start over from the shortest wait.
            attempt = time.GetUtcNow() - started > agent.RestartMaxDelay ? 1 : attempt + 1;
            try
            {
                await Task.Delay(Backoff.Delay(attempt, agent.RestartInitialDelay, agent.RestartMaxDelay), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One ffmpeg run with the mirror loop beside it; returns why it ended (ffmpeg's last line, or the disk's error).</summary>
    private async Task<string> RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create {Directory}: {e.Message}"; // a full or read-only disk: retried with backoff like ffmpeg
        }

        string lastLine = "";
        var job = FfmpegArguments.Live(camera, Directory, NextSegmentNumber())
            .NotifyOnStandardError(line => lastLine = string.IsNullOrWhiteSpace(line) ? lastLine : CredentialMask.Mask(line.Trim(), camera.Password))
            .CancellableThrough(out var stop, StopGrace);
        Task<FFMpegCore.FFMpegResult> exited;
        try
        {
            exited = job.ProcessAsynchronously(throwOnError: false, FfmpegRunner.Options(agent), CancellationToken.None);
        }
        catch (Exception e) when (e is FFMpegException or InstanceException)
        {
            return $"cannot start ffmpeg: {CredentialMask.Mask(e.Message, camera.Password)}";
        }

        while (!exited.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAny(exited, Task.Delay(SyncInterval, time, stoppingToken));
            await SyncAsync(stoppingToken);
        }

        if (!exited.IsCompleted)
        {
            stop();
        }

        try
        {
            var result = await exited;
            return $"exit code {result.ExitCode}: {lastLine}";
        }
        catch (Exception e) when (e is FFMpegException or InstanceException)
        {
            return $"cannot start ffmpeg: {CredentialMask.Mask(e.Message, camera.Password)}";
        }
    }

    private async Task SyncAsync(CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await publisher.SyncAsync(mirror, Directory, CameraId, StreamId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store is unreachable: the viewer waits; the next pass tries again with whatever is newest.
            LogSyncFailed(logger, CameraId.Value, StreamId, e.Message);
        }
    }

    /// <summary>A restarted ffmpeg numbers on after the segments already published, so no object is overwritten.</summary>
    private int NextSegmentNumber() =>
        mirror.UploadedSegments.Select(s => int.Parse(s.AsSpan(4, s.Length - 7), System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1).Max() + 1;

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Live stream {StreamId} of camera {CameraId}: ffmpeg ended ({Reason}); restarting")]
    private static partial void LogExited(ILogger logger, string cameraId, string streamId, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Live stream {StreamId} of camera {CameraId}: upload failed: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, string cameraId, string streamId, string reason);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Live stream {StreamId} of camera {CameraId}: its objects could not all be deleted")]
    private static partial void LogCleanupFailed(ILogger logger, Exception error, string cameraId, string streamId);
}
