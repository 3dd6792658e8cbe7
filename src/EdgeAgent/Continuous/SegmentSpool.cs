using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Continuous;

/// <summary>
/// The durable queue of continuous-recording segments: {spool}/.continuous/{cameraId}/{startMs}-{endMs}.mkv, each
/// a hard link to (or copy of) a closed cache segment, made when the recorder lists it, so the cache's retention
/// cannot delete it first. The file name is the whole entry (camera, times; the bytes are the file's), so there is no
/// manifest to keep in step and a restart re-reads the directory.
/// </summary>
/// <remarks>
/// Its own spool, not the clip spool: one camera closes a segment every 2 s, so an S3 outage queues hundreds of
/// them; sharing one bound would evict the event clips (the footage someone asked for) to make room for routine
/// footage. Each kind has its bound and evicts only its own oldest. Thread-safe.
/// </remarks>
internal sealed partial class SegmentSpool
{
    public const string DirectoryName = ".continuous";

    private readonly EdgeAgentOptions options;
    private readonly EdgeAgentTelemetry telemetry;
    private readonly ILogger<SegmentSpool> logger;
    private readonly Lock gate = new();
    private readonly SortedSet<SpooledSegment> waiting = new(Oldest.Instance);
    // Segments an uploader holds, path to bytes: they count towards the bounds but are never evicted mid-upload.
    private readonly Dictionary<string, long> taken = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim available = new(0);
    private long bytes;

    public SegmentSpool(IOptions<EdgeAgentOptions> options, EdgeAgentTelemetry telemetry, ILogger<SegmentSpool> logger)
    {
        this.options = options.Value;
        this.telemetry = telemetry;
        this.logger = logger;
        Root = Path.Combine(this.options.SpoolDirectory, DirectoryName);
        Load();
    }

    public string Root { get; }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return waiting.Count + taken.Count;
            }
        }
    }

    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Links a closed cache segment into the spool (a repeat is ignored), then evicts the oldest if over a bound.</summary>
    public void Admit(CameraId camera, string cacheFile, DateTimeOffset start, DateTimeOffset end)
    {
        var directory = Path.Combine(Root, camera.Value);
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, FileName(start, end));
        if (File.Exists(target))
        {
            return;
        }

        FileLinker.LinkOrCopy(cacheFile, target);
        var segment = new SpooledSegment(camera, start, end, target, new FileInfo(target).Length);
        List<SpooledSegment> evicted;
        lock (gate)
        {
            waiting.Add(segment);
            Interlocked.Add(ref bytes, segment.Bytes);
            evicted = [.. SegmentEviction.Select(waiting, options.ContinuousSpoolMaxSegments - taken.Count, options.ContinuousSpoolMaxBytes - TakenBytesLocked())];
            foreach (var old in evicted)
            {
                waiting.Remove(old);
                Interlocked.Add(ref bytes, -old.Bytes);
            }
        }

        foreach (var old in evicted)
        {
            LogEvicted(logger, old.CameraId.Value, old.Start, old.Bytes);
            TryDelete(old.Path);
        }

        if (evicted.Count > 0)
        {
            telemetry.ContinuousEvicted(evicted.Count);
        }

        available.Release();
    }

    /// <summary>Takes the oldest waiting segment for upload; waits while there is none. Give it back with <see cref="Complete"/> or <see cref="Return"/>.</summary>
    public async Task<SpooledSegment> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (gate)
            {
                if (waiting.Count > 0)
                {
                    var oldest = waiting.Min!;
                    waiting.Remove(oldest);
                    taken[oldest.Path] = oldest.Bytes;
                    return oldest;
                }
            }

            await available.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

    /// <summary>Uploaded and announced: the file goes.</summary>
    public void Complete(SpooledSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        lock (gate)
        {
            taken.Remove(segment.Path);
            Interlocked.Add(ref bytes, -segment.Bytes);
        }

        TryDelete(segment.Path);
    }

    /// <summary>Not done (stopping): back in the queue, kept on disk for the next run.</summary>
    public void Return(SpooledSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        lock (gate)
        {
            taken.Remove(segment.Path);
            waiting.Add(segment);
        }

        available.Release();
    }

    public static string FileName(DateTimeOffset start, DateTimeOffset end) => string.Create(CultureInfo.InvariantCulture,
        $"{start.ToUnixTimeMilliseconds()}-{end.ToUnixTimeMilliseconds()}{ContinuousObjectKeys.Extension}");

    private long TakenBytesLocked() => taken.Values.Sum();

    private void Load()
    {
        Directory.CreateDirectory(Root);
        foreach (var cameraDirectory in Directory.EnumerateDirectories(Root))
        {
            var camera = CameraId.From(Path.GetFileName(cameraDirectory));
            foreach (var file in Directory.EnumerateFiles(cameraDirectory))
            {
                if (TryParse(Path.GetFileName(file), out var start, out var end))
                {
                    var segment = new SpooledSegment(camera, start, end, file, new FileInfo(file).Length);
                    waiting.Add(segment);
                    bytes += segment.Bytes;
                }
                else
                {
                    // A copy that did not finish (.tmp), or not ours.
                    TryDelete(file);
                }
            }
        }

        if (waiting.Count > 0)
        {
            LogReloaded(logger, waiting.Count, Root);
            available.Release();
        }
    }

    private static bool TryParse(string name, out DateTimeOffset start, out DateTimeOffset end)
    {
        start = end = default;
        if (!name.EndsWith(ContinuousObjectKeys.Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = name[..^ContinuousObjectKeys.Extension.Length].Split('-');
        if (parts.Length != 2 ||
            !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var startMs) ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var endMs) ||
            endMs < startMs || endMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        start = DateTimeOffset.FromUnixTimeMilliseconds(startMs);
        end = DateTimeOffset.FromUnixTimeMilliseconds(endMs);
        return true;
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

    /// <summary>Oldest first; the path breaks ties (two cameras starting in the same millisecond).</summary>
    private sealed class Oldest : IComparer<SpooledSegment>
    {
        public static readonly Oldest Instance = new();

        public int Compare(SpooledSegment? x, SpooledSegment? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var byStart = x.Start.CompareTo(y.Start);
            return byStart != 0 ? byStart : string.CompareOrdinal(x.Path, y.Path);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Segment spool full: evicted camera {CameraId}'s segment of {Start:o} ({Bytes} bytes) without uploading it")]
    private static partial void LogEvicted(ILogger logger, string cameraId, DateTimeOffset start, long bytes);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Segment spool: {Count} segment(s) waiting in {Root} from before the restart")]
    private static partial void LogReloaded(ILogger logger, int count, string root);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Segment spool: could not delete {Path}: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string path, string reason);
}
