using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent.Cache;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Continuous;

/// <summary>
/// Joins the cache recorders to the segment spool: every segment a recorder of a Continuous camera closes is
/// admitted (linked) at once, on the recorder's thread, before the recorder applies its cache retention. Also
/// remembers per camera the end of the newest segment uploaded, for the heartbeat.
/// </summary>
internal sealed partial class ContinuousRecording
{
    private readonly SegmentSpool spool;
    private readonly ILogger<ContinuousRecording> logger;
    private readonly ConcurrentDictionary<CameraId, DateTimeOffset> uploadedThrough = new();

    public ContinuousRecording(CameraRecorders recorders, SegmentSpool spool, ILogger<ContinuousRecording> logger)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        this.spool = spool;
        this.logger = logger;
        // Subscribed when the host builds its services, before any recorder runs: every recorder's segments, those of
        // cameras the cloud adds later included, come through this one event.
        recorders.SegmentClosed += OnSegmentClosed;
    }

    public DateTimeOffset? UploadedThrough(CameraId camera) =>
        uploadedThrough.TryGetValue(camera, out var end) ? end : null;

    /// <summary>The heartbeat's view of a camera with the continuous-recording fields filled in.</summary>
    public EdgeCameraStatus Describe(EdgeCameraStatus status, bool continuous)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status with { Continuous = continuous, UploadedThrough = UploadedThrough(status.CameraId) ?? status.UploadedThrough };
    }

    public void Uploaded(CameraId camera, DateTimeOffset end) =>
        uploadedThrough.AddOrUpdate(camera, end, (_, known) => end > known ? end : known);

    private void OnSegmentClosed(CameraRecorder recorder, Segment segment)
    {
        if (!recorder.Camera.Continuous)
        {
            return;
        }

        try
        {
            spool.Admit(recorder.Id, segment.Path, segment.Start, segment.End);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk: this segment is lost to continuous recording, the recorder carries on.
            LogAdmitFailed(logger, recorder.Id.Value, segment.Start, e.Message);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "Camera {CameraId}: could not spool the segment of {Start:o} for continuous upload: {Reason}")]
    private static partial void LogAdmitFailed(ILogger logger, string cameraId, DateTimeOffset start, string reason);
}
