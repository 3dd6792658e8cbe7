using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.EdgeAgent.Commands;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Telemetry;

/// <summary>
/// The agent's traces and metrics, with System.Diagnostics only: an <see cref="ActivitySource"/> and a
/// <see cref="Meter"/> named <see cref="Name"/> that an OpenTelemetry SDK subscribes to by name. The counts are
/// also kept in process for the heartbeat and for tests.
/// </summary>
internal sealed class EdgeAgentTelemetry : IDisposable
{
    public const string Name = "Platform.EdgeAgent";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(EdgeAgentTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter meter;
    private readonly Counter<long> clipsMade;
    private readonly Counter<long> clipsFailed;
    private readonly Counter<long> ffmpegRestarts;
    private readonly Counter<long> badCommands;
    private readonly Counter<long> duplicateCommands;
    private readonly Counter<long> spoolEvictions;
    private readonly Counter<long> continuousEvictions;
    private readonly Counter<long> continuousUploaded;
    private readonly Counter<long> continuousUploadedBytes;
    private readonly Histogram<double> uploadSeconds;
    private readonly Histogram<double> announceDelaySeconds;
    private readonly ConcurrentDictionary<BadCommandReason, long> badByReason = new();
    private long clipsMadeCount;
    private long clipsAnnouncedCount;
    private long duplicateCount;
    private long evictionCount;
    private long continuousEvictionCount;
    private long continuousUploadedCount;
    private long continuousUploadedByteCount;
    private int spoolCount;
    private long spoolBytes;

    public EdgeAgentTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meter = meterFactory.Create(Name);
        clipsMade = meter.CreateCounter<long>("edge_agent.clips.made", "{clip}", "Clips cut and put in the spool.");
        clipsFailed = meter.CreateCounter<long>("edge_agent.clips.failed", "{clip}", "Due clips that could not be cut.");
        ffmpegRestarts = meter.CreateCounter<long>("edge_agent.ffmpeg.restarts", "{restart}", "Cache recorder restarts after an exit or a stall.");
        badCommands = meter.CreateCounter<long>("edge_agent.commands.bad", "{command}", "Commands rejected, by reason.");
        duplicateCommands = meter.CreateCounter<long>("edge_agent.commands.duplicate", "{command}", "Commands seen before (same commandId or content).");
        spoolEvictions = meter.CreateCounter<long>("edge_agent.spool.evictions", "{clip}", "Clips dropped from a full spool before upload.");
        continuousEvictions = meter.CreateCounter<long>("edge_agent.continuous.evictions", "{segment}", "Continuous segments dropped from a full spool before upload.");
        continuousUploaded = meter.CreateCounter<long>("edge_agent.continuous.uploaded", "{segment}", "Continuous segments uploaded and announced.");
        continuousUploadedBytes = meter.CreateCounter<long>("edge_agent.continuous.uploaded_bytes", "By", "Bytes of continuous segments uploaded.");
        uploadSeconds = meter.CreateHistogram<double>("edge_agent.upload.duration", "s", "From spooled to uploaded and announced.");
        announceDelaySeconds = meter.CreateHistogram<double>("edge_agent.clip.announce_delay", "s", "From the requested end to the clip announced.");
        meter.CreateObservableGauge("edge_agent.spool.depth", () => Volatile.Read(ref spoolCount), "{clip}", "Clips waiting in the spool.");
        meter.CreateObservableGauge("edge_agent.spool.bytes", () => Interlocked.Read(ref spoolBytes), "By", "Bytes waiting in the spool.");
    }

    public long ClipsMade => Interlocked.Read(ref clipsMadeCount);

    public long ClipsAnnounced => Interlocked.Read(ref clipsAnnouncedCount);

    public long DuplicateCommands => Interlocked.Read(ref duplicateCount);

    public long SpoolEvictions => Interlocked.Read(ref evictionCount);

    public long ContinuousEvictions => Interlocked.Read(ref continuousEvictionCount);

    public long ContinuousUploaded => Interlocked.Read(ref continuousUploadedCount);

    public long ContinuousUploadedBytes => Interlocked.Read(ref continuousUploadedByteCount);

    public long BadCommands(BadCommandReason reason) => badByReason.GetValueOrDefault(reason);

    public long BadCommandsTotal => badByReason.Values.Sum();

    public void ClipMade(CameraId camera)
    {
        Interlocked.Increment(ref clipsMadeCount);
        clipsMade.Add(1, new KeyValuePair<string, object?>("camera", camera.Value));
    }

    public void ClipFailed(CameraId camera) => clipsFailed.Add(1, new KeyValuePair<string, object?>("camera", camera.Value));

    public void ClipAnnounced(TimeSpan uploadDuration, TimeSpan sinceRequestedEnd)
    {
        Interlocked.Increment(ref clipsAnnouncedCount);
        uploadSeconds.Record(uploadDuration.TotalSeconds);
        announceDelaySeconds.Record(sinceRequestedEnd.TotalSeconds);
    }

    public void FfmpegRestarted(CameraId camera) =>
        ffmpegRestarts.Add(1, new KeyValuePair<string, object?>("camera", camera.Value));

    public void BadCommand(BadCommandReason reason)
    {
        badByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        badCommands.Add(1, new KeyValuePair<string, object?>("reason", BadCommandReasons.Tag(reason)));
    }

    public void DuplicateCommand()
    {
        Interlocked.Increment(ref duplicateCount);
        duplicateCommands.Add(1);
    }

    public void SpoolEvicted(int clips)
    {
        Interlocked.Add(ref evictionCount, clips);
        spoolEvictions.Add(clips);
    }

    public void ContinuousEvicted(int segments)
    {
        Interlocked.Add(ref continuousEvictionCount, segments);
        continuousEvictions.Add(segments);
    }

    public void ContinuousSegmentUploaded(CameraId camera, long bytes)
    {
        Interlocked.Increment(ref continuousUploadedCount);
        Interlocked.Add(ref continuousUploadedByteCount, bytes);
        var tag = new KeyValuePair<string, object?>("camera", camera.Value);
        continuousUploaded.Add(1, tag);
        continuousUploadedBytes.Add(bytes, tag);
    }

    public void SpoolChanged(int count, long bytes)
    {
        Volatile.Write(ref spoolCount, count);
        Interlocked.Exchange(ref spoolBytes, bytes);
    }

    public void Dispose() => meter.Dispose();
}
