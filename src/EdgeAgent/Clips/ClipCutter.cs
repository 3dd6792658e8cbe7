using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
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
/// faststart or MKV), measures duration and size with ffprobe and the SHA-256 of the bytes, and admits it all to
/// the spool with a manifest that already holds the finished <see cref="ClipUploaded"/>.
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
        var listPath = Path.Combine(work, "concat.txt");
        await File.WriteAllTextAsync(listPath, FfmpegArguments.ConcatList([.. selection.Segments.Select(s => s.Path)], selection.LastOutpoint), cancellationToken);

        double duration;
        string sha256;
        await tools.WaitAsync(cancellationToken);
        try
        {
            await RunAsync(agent.FfmpegPath, FfmpegArguments.Concat(listPath, videoPath, camera.Container), "join segments", cancellationToken);

            // Probe and hash read the finished file independently: run them side by side.
            var probing = ProcessRunner.RunAsync(agent.FfprobePath, FfmpegArguments.Probe(videoPath), ToolTimeout, cancellationToken);
            var hashing = HashAsync(videoPath, cancellationToken);
            var probe = await probing;
            duration = probe.Succeeded ? ParseDuration(probe.StandardOutput) : (selection.ActualEnd - selection.ActualStart).TotalSeconds;
            sha256 = await hashing;
        }
        finally
        {
            tools.Release();
        }

        var thumbnail = await thumbnailing;
        File.Delete(listPath);
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
            var result = await ProcessRunner.RunAsync(agent.FfmpegPath, FfmpegArguments.Thumbnail(segment.Path, offset, path), ToolTimeout,
                cancellationToken);
            if (result.Succeeded && File.Exists(path))
            {
                return true;
            }

            LogThumbnailFailed(logger, due.ClipId.Value, result.LastErrorLine);
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

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments, string what, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(tool, arguments, ToolTimeout, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{tool} could not {what} (exit code {result.ExitCode}): {result.LastErrorLine}");
        }
    }

    private static double ParseDuration(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("format", out var format) &&
            format.TryGetProperty("duration", out var value) &&
            double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : 0;
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
}
