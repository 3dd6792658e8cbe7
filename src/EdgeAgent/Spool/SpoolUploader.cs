using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Telemetry;

namespace Platform.EdgeAgent.Spool;

/// <summary>
/// Drains the spool oldest first: video to S3, thumbnail to S3, message to edge.clips, each step retried with
/// backoff until it succeeds and recorded in the manifest before the next, so a restart resumes at the step it
/// stopped at and never announces a clip twice (barring a crash between the broker's acknowledgement and the
/// manifest write, when the re-send carries the same message id).
/// </summary>
internal sealed partial class SpoolUploader(
    ClipSpool spool,
    ClipStorage storage,
    ClipAnnouncer announcer,
    EdgeAgentTelemetry telemetry,
    TimeProvider time,
    IOptions<EdgeAgentOptions> options,
    ILogger<SpoolUploader> logger) : BackgroundService
{
    private static readonly TimeSpan PartitionLookupTimeout = TimeSpan.FromSeconds(5);
    private readonly EdgeAgentOptions settings = options.Value;
    private readonly LogThrottle failureLog = new(time, TimeSpan.FromSeconds(30));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // Beside the loop, not before it: a broker that is down must not hold up the uploads to S3.
        _ = Task.Run(LearnPartitions, CancellationToken.None);
        while (!stoppingToken.IsCancellationRequested)
        {
            SpoolEntry entry;
            try
            {
                entry = await spool.NextAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await ProcessAsync(entry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private void LearnPartitions()
    {
        try
        {
            announcer.LearnPartitions(PartitionLookupTimeout);
        }
        catch (KafkaException e)
        {
            // Only a head start: the first announcement looks the partitions up itself (and is retried if that fails).
            LogPartitionsUnknown(logger, e.Message);
        }
    }

    private async Task ProcessAsync(SpoolEntry entry, CancellationToken cancellationToken)
    {
        var manifest = entry.Manifest;
        var started = time.GetTimestamp();
        using var activity = TraceParent.Start("clip upload", ActivityKind.Producer, manifest.TraceParent);
        activity?.SetTag("clip.id", manifest.Clip.ClipId.Value);
        activity?.SetTag("camera.id", manifest.Clip.CameraId.Value);
        if (manifest.State == SpoolState.Spooled &&
            await StepAsync(entry, "upload the video", ct => storage.UploadVideoAsync(entry, ct), SpoolState.VideoUploaded, cancellationToken))
        {
            return;
        }

        if (manifest.State == SpoolState.VideoUploaded &&
            await StepAsync(entry, "upload the thumbnail", ct => storage.UploadThumbnailAsync(entry, ct), SpoolState.ThumbnailUploaded, cancellationToken))
        {
            return;
        }

        var traceParent = TraceParent.Current(activity, manifest.TraceParent);
        if (manifest.State == SpoolState.ThumbnailUploaded &&
            await StepAsync(entry, "announce", ct => announcer.AnnounceAsync(manifest.Clip, traceParent, ct), SpoolState.Announced, cancellationToken))
        {
            return;
        }

        spool.Remove(entry);
        var now = time.GetUtcNow();
        telemetry.ClipAnnounced(time.GetElapsedTime(started), now - manifest.Clip.RequestedEnd);
        LogAnnounced(logger, manifest.Clip.ClipId.Value, manifest.Clip.CameraId.Value, manifest.Clip.Key, (now - manifest.Clip.RequestedEnd).TotalSeconds);
    }

    /// <summary>Runs one step until it succeeds; true if the entry was evicted meanwhile (stop working on it).</summary>
    private async Task<bool> StepAsync(SpoolEntry entry, string what, Func<CancellationToken, Task> step, SpoolState done,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!spool.IsPresent(entry))
            {
                return true;
            }

            try
            {
                await step(cancellationToken);
                entry.Manifest.State = done;
                entry.Manifest.LastError = null;
                spool.Save(entry);
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (e is FileNotFoundException or DirectoryNotFoundException && !spool.IsPresent(entry))
                {
                    return true;
                }

                entry.Manifest.Attempts++;
                entry.Manifest.LastError = $"{what}: {e.Message}";
                spool.Save(entry);
                var delay = Backoff.Delay(attempt, settings.RetryInitialDelay, settings.RetryMaxDelay);
                if (failureLog.ShouldLog(what, out var suppressed))
                {
                    LogStepFailed(logger, what, entry.ClipId.Value, attempt, delay.TotalSeconds, suppressed, e.Message);
                }

                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "The clips topic's partitions are not known yet ({Reason}); the first announcement looks them up")]
    private static partial void LogPartitionsUnknown(ILogger logger, string reason);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Clip {ClipId} of camera {CameraId} uploaded to {Key} and announced, {SinceEnd:F2} s after its end")]
    private static partial void LogAnnounced(ILogger logger, string clipId, string cameraId, string key, double sinceEnd);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Could not {What} for clip {ClipId} (attempt {Attempt}; retrying in {DelaySeconds:F1} s; {Suppressed} similar failures not logged): {Reason}")]
    private static partial void LogStepFailed(ILogger logger, string what, string clipId, int attempt, double delaySeconds, int suppressed, string reason);
}
