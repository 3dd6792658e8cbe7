using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Spool;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Continuous;

/// <summary>
/// Drains the segment spool oldest first with <see cref="EdgeAgentOptions.ContinuousUploadParallelism"/> workers:
/// PUT to the segment's deterministic key, announce on edge.segments, delete the spool file; each step retried
/// with backoff until it succeeds. No manifest records progress: a crash after the PUT (or after the announcement)
/// re-uploads the same bytes to the same key and re-sends an identical message, both idempotent (the object is
/// replaced by itself, the catalog ignores a repeat of (camera, start)). So an object may be PUT twice only across a
/// crash, never in a normal run.
/// </summary>
internal sealed partial class SegmentUploader(
    SegmentSpool spool,
    IObjectUploader uploader,
    SegmentAnnouncer announcer,
    ContinuousRecording continuous,
    EdgeAgentTelemetry telemetry,
    TimeProvider time,
    IOptions<EdgeAgentOptions> options,
    ILogger<SegmentUploader> logger) : BackgroundService
{
    private readonly EdgeAgentOptions settings = options.Value;
    private readonly LogThrottle failureLog = new(time, TimeSpan.FromSeconds(30));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(Enumerable.Range(0, settings.ContinuousUploadParallelism).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            SpooledSegment segment;
            try
            {
                segment = await spool.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await SendAsync(segment, stoppingToken);
                spool.Complete(segment);
                continuous.Uploaded(segment.CameraId, segment.End);
                telemetry.ContinuousSegmentUploaded(segment.CameraId, segment.Bytes);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                spool.Return(segment);
                break;
            }
        }
    }

    private async Task SendAsync(SpooledSegment segment, CancellationToken cancellationToken)
    {
        var key = ContinuousObjectKeys.Key(segment.CameraId, segment.Start, segment.End);
        var message = new ContinuousSegmentUploaded
        {
            MessageId = ContinuousSegmentUploaded.MessageIdFor(segment.CameraId, segment.Start),
            OccurredAt = segment.End,
            CameraId = segment.CameraId,
            AgentId = settings.AgentId,
            ObjectKey = key,
            Start = segment.Start,
            End = segment.End,
            Bytes = segment.Bytes,
        };
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["camera-id"] = segment.CameraId.Value,
            ["agent-id"] = settings.AgentId,
        };
        await RetryAsync("upload", segment, ct => uploader.UploadFileAsync(segment.Path, key, ContinuousObjectKeys.ContentType, metadata, ct), cancellationToken);
        await RetryAsync("announce", segment, ct => announcer.AnnounceAsync(message, ct), cancellationToken);
    }

    private async Task RetryAsync(string what, SpooledSegment segment, Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step(cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff.Delay(attempt, settings.RetryInitialDelay, settings.RetryMaxDelay);
                if (failureLog.ShouldLog(what, out var suppressed))
                {
                    LogStepFailed(logger, what, segment.CameraId.Value, segment.Start, attempt, delay.TotalSeconds, suppressed, e.Message);
                }

                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Could not {What} camera {CameraId}'s segment of {Start:o} (attempt {Attempt}; retrying in {DelaySeconds:F1} s; {Suppressed} similar failures not logged): {Reason}")]
    private static partial void LogStepFailed(ILogger logger, string what, string cameraId, DateTimeOffset start, int attempt, double delaySeconds, int suppressed, string reason);
}
