using System.Diagnostics;
using System.Security.Cryptography;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Spool;
using Platform.EdgeAgent.Telemetry;
using Platform.EdgeAgent.Video;
using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Clips;

/// <summary>
/// Turns a due session into a spooled clip: makes a JPEG of the requested start from the segment holding it while
/// it waits for the segment holding the end, joins the covering segments (concat demuxer, stream copy; MP4 with
/// faststart or MKV), measures its duration with ffprobe (all three through FFMpegCore), its size and the SHA-256 of
/// its bytes, and admits it all to the spool with a manifest that already holds the finished <see cref="ClipUploaded"/>.
/// </summary>
internal sealed partial class ClipCutter(
    ClipSpool spool,
    IOptions<EdgeAgentOptions> agentOptions,
    IOptions<S3Options> s3Options,
    TimeProvider time,
    ILogger<ClipCutter> logger)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private readonly EdgeAgentOptions agent = agentOptions.Value;
    private readonly string bucket = s3Options.Value.Bucket;
    private readonly SemaphoreSlim tools = new(2);
    private readonly SemaphoreSlim thumbnails = new(2);

    /// <summary>Cuts the clip and admits it to the spool.</summary>
    public async Task<CutResult> CutAsync(DueClip due, CameraRecorder recorder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(recorder);
        if (spool.Contains(due.ClipId))
        {
            return CutResult.AlreadySpooled;
        }

        var camera = recorder.Camera;
        using var activity = TraceParent.Start("clip cut", ActivityKind.Internal, due.TraceParent);
        activity?.SetTag("clip.id", due.ClipId.Value);
        activity?.SetTag("camera.id", due.CameraId.Value);

        var work = spool.NewWorkDirectory(due.ClipId);
        var thumbnailFile = due.ClipId.Value + ".jpg";
        var thumbnailPath = Path.Combine(work, thumbnailFile);
        // The segment holding the end closes on the first keyframe after it; a dead source does not hold the clip forever.
        var wait = TimeSpan.FromSeconds(3 * camera.SegmentSeconds + 5);
        // The start has been cached for a whole clip length by now: its thumbnail is made during that wait, off the
        // path from the end to the upload. If the cut fails, the thumbnail finishes on its own into the abandoned
        // work directory (it is removed by the next try or the next start).
        var thumbnailing = ThumbnailAsync(recorder, due, thumbnailPath, wait, cancellationToken);
        if (!await recorder.WaitForSegmentsThroughAsync(due.RequestedEnd, wait, cancellationToken))
        {
            LogEndMissing(logger, due.ClipId.Value, camera.Id, wait.TotalSeconds);
        }

        var selection = SegmentSelection.Select(recorder.Segments, due.RequestedStart, due.RequestedEnd);
        if (selection is null)
        {
            await thumbnailing;
            Directory.Delete(work, recursive: true);
            LogNoVideo(logger, due.ClipId.Value, camera.Id);
            activity?.SetStatus(ActivityStatusCode.Error, "no video in the cache for the window");
            return CutResult.NoVideo;
        }

        if (selection.StartClipped)
        {
            LogStartClipped(logger, due.ClipId.Value, camera.Id, (selection.ActualStart - due.RequestedStart).TotalSeconds,
                selection.StartBeforeCache ? "older than the cache" : "the source was not recording then");
        }

        using var lease = recorder.Lease(selection.Segments);
        var videoFile = due.ClipId.Value + "." + camera.Container;
        var videoPath = Path.Combine(work, videoFile);
        // FFMpegCore writes the concat demuxer's list into the work directory and removes it when the join ends.
        var options = FfmpegRunner.Options(agent, temporaryFilesFolder: work);

        double duration;
        string sha256;
        await tools.WaitAsync(cancellationToken);
        try
        {
            var join = FfmpegArguments.Concat([.. selection.Segments.Select(s => s.Path)], selection.JoinedLength, videoPath, camera.Container);
            var joined = await FfmpegRunner.RunAsync(join, options, ToolTimeout, cancellationToken);
            if (!joined.Success)
            {
                throw new InvalidOperationException($"ffmpeg could not join segments (exit code {joined.ExitCode}): {FfmpegRunner.LastLine(joined)}");
            }

            // Probe and hash read the finished file independently: run them side by side.
            var probing = DurationAsync(videoPath, options, cancellationToken);
            var hashing = HashAsync(videoPath, cancellationToken);
            duration = await probing ?? (selection.ActualEnd - selection.ActualStart).TotalSeconds;
            sha256 = await hashing;
        }
        finally
        {
            tools.Release();
        }

        var thumbnail = await thumbnailing;
        var size = new FileInfo(videoPath).Length;
        var now = time.GetUtcNow();
        var clip = new ClipUploaded
        {
            MessageId = due.ClipId.Value,
            OccurredAt = now,
            ClipId = due.ClipId,
            CommandId = due.CommandId,
            SessionId = due.SessionId,
            CameraId = due.CameraId,
            AgentId = agent.AgentId,
            RequestedStart = due.RequestedStart,
            RequestedEnd = due.RequestedEnd,
            ActualStart = selection.ActualStart,
            ActualEnd = selection.ActualEnd,
            StartClippedToCache = selection.StartClipped,
            DurationSeconds = Math.Round(duration, 3),
            SizeBytes = size,
            Sha256 = sha256,
            Container = camera.Container,
            Bucket = bucket,
            Key = ClipKeys.Video(due.CameraId, due.ClipId, due.RequestedStart, camera.Container),
            ThumbnailKey = thumbnail ? ClipKeys.Thumbnail(due.CameraId, due.ClipId, due.RequestedStart) : null,
        };
        var manifest = new SpoolManifest
        {
            State = SpoolState.Spooled,
            SpooledAt = now,
            VideoFile = videoFile,
            ThumbnailFile = thumbnail ? thumbnailFile : null,
            Clip = clip,
            TraceParent = TraceParent.Current(activity, due.TraceParent),
        };
        spool.Admit(work, manifest);
        LogCut(logger, due.ClipId.Value, camera.Id, selection.Segments.Count, duration, size);
        return CutResult.Spooled;
    }

    /// <summary>A JPEG of the requested start, from the segment holding it; false (logged) if there is none.</summary>
    private async Task<bool> ThumbnailAsync(CameraRecorder recorder, DueClip due, string path, TimeSpan wait, CancellationToken cancellationToken)
    {
        await recorder.WaitForSegmentsThroughAsync(due.RequestedStart, wait, cancellationToken);
        if (ThumbnailSource.Locate(recorder.Segments, due.RequestedStart) is not { } source)
        {
            LogThumbnailFailed(logger, due.ClipId.Value, "the start is not in the cache");
            return false;
        }

        var (segment, offset) = source;
        using var lease = recorder.Lease([segment]);
        await thumbnails.WaitAsync(cancellationToken);
        try
        {
            var result = await FfmpegRunner.RunAsync(FfmpegArguments.Thumbnail(segment.Path, offset, path), FfmpegRunner.Options(agent),
                ToolTimeout, cancellationToken);
            if (result.Success && File.Exists(path))
            {
                return true;
            }

            LogThumbnailFailed(logger, due.ClipId.Value, FfmpegRunner.LastLine(result));
            return false;
        }
        finally
        {
            thumbnails.Release();
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>The container's duration in seconds by ffprobe; null (logged) if it cannot tell, and the window's length is used.</summary>
    private async Task<double?> DurationAsync(string path, FFOptions options, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ToolTimeout);
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, options, cancellationToken: deadline.Token);
            return analysis.Format.Duration.TotalSeconds;
        }
        catch (Exception e) when (e is FFMpegException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogProbeFailed(logger, path, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Clip {ClipId} of camera {CameraId}: {Segments} segments, {DurationSeconds:F2} s, {Bytes} bytes, spooled")]
    private static partial void LogCut(ILogger logger, string clipId, string cameraId, int segments, double durationSeconds, long bytes);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Clip {ClipId} of camera {CameraId}: no video in the cache for the requested window; no clip")]
    private static partial void LogNoVideo(ILogger logger, string clipId, string cameraId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Clip {ClipId} of camera {CameraId} starts {LateSeconds:F2} s after the requested start ({Why})")]
    private static partial void LogStartClipped(ILogger logger, string clipId, string cameraId, double lateSeconds, string why);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Clip {ClipId} of camera {CameraId}: no segment reached the requested end within {WaitSeconds:F0} s; cutting what there is")]
    private static partial void LogEndMissing(ILogger logger, string clipId, string cameraId, double waitSeconds);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Clip {ClipId}: no thumbnail ({Reason})")]
    private static partial void LogThumbnailFailed(ILogger logger, string clipId, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "ffprobe could not read the duration of {Path} ({Reason}); the window's length is reported")]
    private static partial void LogProbeFailed(ILogger logger, string path, string reason);
}
