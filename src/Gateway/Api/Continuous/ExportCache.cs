using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Api.Continuous;

/// <summary>
/// Built exports on local disk, keyed by the exact segment list they join, kept <see cref="ContinuousOptions.ExportLifetime"/>
/// after their last use: a player asks for one file in many Range requests, and each must not rebuild it. Two
/// requests for the same export while it builds share one build. Expired files are deleted by <see cref="Sweep"/>
/// (run by <see cref="ExportSweeper"/>) and, left by a crash, at start.
/// </summary>
public sealed partial class ExportCache
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ContinuousOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ExportCache> logger;

    public ExportCache(IOptions<ContinuousOptions> options, TimeProvider time, ILogger<ExportCache> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        Root = this.options.ExportDirectory.Length > 0
            ? this.options.ExportDirectory
            : Path.Combine(Path.GetTempPath(), "platform-continuous-exports");
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public int Count => entries.Count;

    /// <summary>The export of <paramref name="segments"/> for <paramref name="cameraId"/>, built by <paramref name="build"/> into the given path unless cached.</summary>
    public async Task<string> GetAsync(string cameraId, IReadOnlyList<CatalogSegment> segments, Func<string, CancellationToken, Task> build,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(build);
        var key = Key(cameraId, segments);
        var entry = entries.GetOrAdd(key, k => new Entry(Path.Combine(Root, k + ".mp4"), build));
        entry.LastUsed = time.GetUtcNow();
        try
        {
            // The build runs to the end even if this caller goes: the next Range request wants it.
            return await entry.Built.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Built.Value.IsFaulted)
        {
            // A failed build is not cached: the next request tries again.
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>Deletes exports unused for longer than their lifetime.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in entries)
        {
            if (entry.Built.IsValueCreated && entry.Built.Value.IsCompleted && now - entry.LastUsed > options.ExportLifetime &&
                entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
            {
                // A response still sending it keeps reading: on Linux an open file outlives its name.
                TryDelete(entry.Path);
            }
        }
    }

    private static string Key(string cameraId, IReadOnlyList<CatalogSegment> segments)
    {
        var text = new StringBuilder(cameraId);
        foreach (var segment in segments)
        {
            text.Append('|').Append(segment.ObjectKey);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            LogDeleteFailed(path, e.Message);
        }
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Could not delete the export {Path}: {Reason}")]
    private partial void LogDeleteFailed(string path, string reason);

    private sealed class Entry
    {
        public Entry(string path, Func<string, CancellationToken, Task> build)
        {
            Path = path;
            Built = new Lazy<Task<string>>(async () =>
            {
                await build(path, CancellationToken.None);
                return path;
            });
        }

        public string Path { get; }

        public Lazy<Task<string>> Built { get; }

        public DateTimeOffset LastUsed { get; set; }
    }
}
