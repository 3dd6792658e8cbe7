using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Json;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Spool;

/// <summary>
/// The upload spool on local disk: one directory per clip ({spool}/{clipId}/ with the video, the thumbnail and
/// manifest.json). A clip is cut in {spool}/.work/{clipId}/ and enters by one rename, so the spool never holds
/// half a clip. Re-read at start; bounded by count and bytes, evicting the oldest (logged, counted, reported in
/// the heartbeat). Thread-safe.
/// </summary>
internal sealed partial class ClipSpool
{
    public const string ManifestFileName = "manifest.json";
    private const string WorkDirectoryName = ".work";

    private readonly EdgeAgentOptions options;
    private readonly EdgeAgentTelemetry telemetry;
    private readonly ILogger<ClipSpool> logger;
    private readonly Lock gate = new();
    private readonly Dictionary<ClipId, SpoolEntry> entries = [];
    private readonly SemaphoreSlim available = new(0);

    public ClipSpool(IOptions<EdgeAgentOptions> options, EdgeAgentTelemetry telemetry, ILogger<ClipSpool> logger)
    {
        this.options = options.Value;
        this.telemetry = telemetry;
        this.logger = logger;
        Root = this.options.SpoolDirectory;
        Load();
    }

    public string Root { get; }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return entries.Values.Sum(e => e.Bytes);
            }
        }
    }

    public bool Contains(ClipId clip)
    {
        lock (gate)
        {
            return entries.ContainsKey(clip) || Directory.Exists(Path.Combine(Root, clip.Value));
        }
    }

    /// <summary>An empty directory to cut <paramref name="clip"/> in (anything left there by an earlier try is removed).</summary>
    public string NewWorkDirectory(ClipId clip)
    {
        var path = Path.Combine(Root, WorkDirectoryName, clip.Value);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Moves a finished clip from its work directory into the spool, then evicts the oldest if over a bound.</summary>
    public void Admit(string workDirectory, SpoolManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        WriteManifest(workDirectory, manifest);
        var bytes = DirectoryBytes(workDirectory);
        var target = Path.Combine(Root, manifest.Clip.ClipId.Value);
        List<SpoolEntry> evicted;
        lock (gate)
        {
            if (entries.ContainsKey(manifest.Clip.ClipId) || Directory.Exists(target))
            {
                // Cut twice (a session restored after a crash): the first one stands.
                Directory.Delete(workDirectory, recursive: true);
                return;
            }

            Directory.Move(workDirectory, target);
            entries[manifest.Clip.ClipId] = new SpoolEntry(target, manifest, bytes);
            var evict = SpoolEviction.Select(entries.Values.Select(e => e.Item), options.SpoolMaxClips, options.SpoolMaxBytes)
                .Select(i => i.ClipId).ToHashSet();
            evicted = [.. entries.Values.Where(e => evict.Contains(e.ClipId))];
            foreach (var entry in evicted)
            {
                entries.Remove(entry.ClipId);
            }

            Publish();
        }

        foreach (var entry in evicted)
        {
            LogEvicted(logger, entry.ClipId.Value, entry.Manifest.Clip.CameraId.Value, entry.Manifest.State, entry.Bytes);
            DeleteDirectory(entry.Directory);
        }

        if (evicted.Count > 0)
        {
            telemetry.SpoolEvicted(evicted.Count);
        }

        available.Release();
    }

    /// <summary>The oldest clip still to upload or announce; waits while there is none.</summary>
    public async Task<SpoolEntry> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (gate)
            {
                var next = entries.Values.OrderBy(e => e.Manifest.SpooledAt).ThenBy(e => e.ClipId.Value, StringComparer.Ordinal).FirstOrDefault();
                if (next is not null)
                {
                    return next;
                }
            }

            await available.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

    /// <summary>False once the entry was evicted (its upload is then abandoned).</summary>
    public bool IsPresent(SpoolEntry entry)
    {
        lock (gate)
        {
            return entries.TryGetValue(entry.ClipId, out var current) && ReferenceEquals(current, entry);
        }
    }

    /// <summary>Records progress in the entry's manifest.</summary>
    public void Save(SpoolEntry entry)
    {
        lock (gate)
        {
            if (IsPresentLocked(entry))
            {
                WriteManifest(entry.Directory, entry.Manifest);
            }
        }
    }

    /// <summary>Announced: the entry is done and its files go.</summary>
    public void Remove(SpoolEntry entry)
    {
        lock (gate)
        {
            if (!IsPresentLocked(entry))
            {
                return;
            }

            entries.Remove(entry.ClipId);
            Publish();
        }

        DeleteDirectory(entry.Directory);
    }

    private bool IsPresentLocked(SpoolEntry entry) =>
        entries.TryGetValue(entry.ClipId, out var current) && ReferenceEquals(current, entry);

    private void Load()
    {
        Directory.CreateDirectory(Root);
        var work = Path.Combine(Root, WorkDirectoryName);
        if (Directory.Exists(work))
        {
            // Cuts that did not finish: their sessions are still open in the session state and are cut again.
            DeleteDirectory(work);
        }

        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            var manifestPath = Path.Combine(directory, ManifestFileName);
            SpoolManifest? manifest = null;
            try
            {
                manifest = File.Exists(manifestPath)
                    ? JsonSerializer.Deserialize(File.ReadAllBytes(manifestPath), EdgeAgentJsonContext.Default.SpoolManifest)
                    : null;
            }
            catch (JsonException e)
            {
                LogUnreadable(logger, manifestPath, e.Message);
            }

            if (manifest is null || manifest.State == SpoolState.Announced)
            {
                // Announced but not yet deleted, or not ours: nothing to send.
                if (manifest is not null)
                {
                    DeleteDirectory(directory);
                }

                continue;
            }

            entries[manifest.Clip.ClipId] = new SpoolEntry(directory, manifest, DirectoryBytes(directory));
        }

        Publish();
        if (entries.Count > 0)
        {
            LogReloaded(logger, entries.Count, Root);
            available.Release();
        }
    }

    private void Publish() => telemetry.SpoolChanged(entries.Count, entries.Values.Sum(e => e.Bytes));

    private static void WriteManifest(string directory, SpoolManifest manifest)
    {
        var path = Path.Combine(directory, ManifestFileName);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(manifest, EdgeAgentJsonContext.Default.SpoolManifest));
        File.Move(temporary, path, overwrite: true);
    }

    private static long DirectoryBytes(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);

    private void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (IOException e)
        {
            LogUnreadable(logger, directory, e.Message);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Spool full: evicted clip {ClipId} of camera {CameraId} ({State}, {Bytes} bytes) without uploading it")]
    private static partial void LogEvicted(ILogger logger, string clipId, string cameraId, SpoolState state, long bytes);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Spool: {Count} clip(s) waiting in {Root} from before the restart")]
    private static partial void LogReloaded(ILogger logger, int count, string root);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Spool: {Path}: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);
}
