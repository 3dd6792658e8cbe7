using Platform.EdgeAgent.Video;

namespace Platform.EdgeAgent.Cache;

/// <summary>
/// Tells a camera's recorder the moment its ffmpeg opens a new segment file. The segment muxer appends the
/// finished segment to its list (and flushes it) before it opens the next file, so a new file means "the list
/// has grown": recorders read their list on this signal instead of polling it, which costs nothing between
/// segments and notices a closed segment at once (a clip waiting for its end segment is cut without delay).
/// </summary>
/// <remarks>
/// One watcher over the whole cache (subdirectories included), not one per camera: every watcher is an inotify
/// instance of its own, and the default limit of 128 per user would stop the agent short of its camera count.
/// Only file names are watched (create, delete, rename), so the steady writes into open segments raise no
/// events at all.
/// </remarks>
internal sealed class NewSegmentWatcher : IDisposable
{
    private readonly FileSystemWatcher watcher;
    private readonly Func<string, CameraRecorder?> byDirectory;
    private readonly Func<IEnumerable<CameraRecorder>> all;

    /// <summary>
    /// <paramref name="byDirectory"/> finds the recorder of a camera directory's name and <paramref name="all"/> lists
    /// every recorder, both asked at each event: cameras come and go while the agent runs, and a camera directory
    /// created later is watched too (the watch covers subdirectories as they appear).
    /// </summary>
    public NewSegmentWatcher(string cacheDirectory, Func<string, CameraRecorder?> byDirectory, Func<IEnumerable<CameraRecorder>> all)
    {
        this.byDirectory = byDirectory;
        this.all = all;
        watcher = new FileSystemWatcher(cacheDirectory, "*" + FfmpegArguments.SegmentExtension)
        {
            NotifyFilter = NotifyFilters.FileName,
            IncludeSubdirectories = true,
        };
        watcher.Created += (_, e) => OnCreated(e.FullPath);
        // Events were lost (queue overflow): any list may have grown, so every recorder looks.
        watcher.Error += (_, _) => NudgeAll();
    }

    public void Start() => watcher.EnableRaisingEvents = true;

    public void Dispose() => watcher.Dispose();

    private void OnCreated(string path)
    {
        var directory = Path.GetFileName(Path.GetDirectoryName(path));
        if (directory is not null && byDirectory(directory) is { } recorder)
        {
            recorder.ListMayHaveGrown();
        }
    }

    private void NudgeAll()
    {
        foreach (var recorder in all())
        {
            recorder.ListMayHaveGrown();
        }
    }
}
