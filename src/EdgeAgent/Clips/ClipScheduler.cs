using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Telemetry;

namespace Platform.EdgeAgent.Clips;

/// <summary>
/// Wakes when a session's end has passed (or a command changed the sessions), hands each due session to the
/// <see cref="ClipCutter"/> and closes it once its clip is in the spool.
/// </summary>
internal sealed partial class ClipScheduler(
    SessionBook sessions,
    CameraRecorders recorders,
    ClipCutter cutter,
    EdgeAgentTelemetry telemetry,
    TimeProvider time,
    ILogger<ClipScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(5);
    private readonly List<Task> cuts = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var due in sessions.TakeDue())
                {
                    cuts.Add(Task.Run(() => CutAsync(due, stoppingToken), CancellationToken.None));
                }

                cuts.RemoveAll(t => t.IsCompleted);
                var next = sessions.NextDueAt;
                var wait = next is null ? IdleWait : next.Value - time.GetUtcNow();
                if (wait > IdleWait)
                {
                    wait = IdleWait;
                }

                await sessions.WaitForChangeAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping; cuts in progress end with the token and their sessions stay open in the saved state.
        }

        await Task.WhenAll(cuts);
    }

    private async Task CutAsync(DueClip due, CancellationToken stoppingToken)
    {
        try
        {
            if (recorders.Find(due.CameraId) is not { } recorder)
            {
                // The camera was removed (edge.config) after the command: its cache is gone, so there is nothing to cut.
                telemetry.ClipFailed(due.CameraId);
                LogCameraGone(logger, due.ClipId.Value, due.CameraId.Value);
                sessions.Complete(due.SessionKey);
                return;
            }

            var result = await cutter.CutAsync(due, recorder, stoppingToken);
            if (result == CutResult.Spooled)
            {
                telemetry.ClipMade(due.CameraId);
            }
            else if (result == CutResult.NoVideo)
            {
                telemetry.ClipFailed(due.CameraId);
            }

            sessions.Complete(due.SessionKey);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Left open: cut again after the restart.
        }
        catch (Exception e)
        {
            // A clip that cannot be made must not stop the others; it is logged and counted, and the session closed.
            telemetry.ClipFailed(due.CameraId);
            LogCutFailed(logger, due.ClipId.Value, due.CameraId.Value, e);
            sessions.Complete(due.SessionKey);
        }
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Clip {ClipId}: camera {CameraId} is no longer recorded by this agent; no clip")]
    private static partial void LogCameraGone(ILogger logger, string clipId, string cameraId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Clip {ClipId} of camera {CameraId} could not be cut")]
    private static partial void LogCutFailed(ILogger logger, string clipId, string cameraId, Exception exception);
}
