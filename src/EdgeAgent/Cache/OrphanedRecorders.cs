using System.Globalization;

namespace Platform.EdgeAgent.Cache;

/// <summary>
/// Finds recorders an earlier agent left running. A killed agent (kill -9, OOM) cannot stop its ffmpeg children,
/// and ffmpeg ignores the broken pipes it is left with, so they would keep writing into the cache beside the new
/// agent's recorders. They are recognised by their command line: ffmpeg writing below this agent's cache directory.
/// </summary>
internal static class OrphanedRecorders
{
    /// <summary>The process ids of ffmpeg processes whose arguments name a path below <paramref name="cacheDirectory"/>.</summary>
    public static IReadOnlyList<int> Find(string cacheDirectory, string procDirectory = "/proc")
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(cacheDirectory)) + Path.DirectorySeparatorChar;
        var found = new List<int>();
        if (!Directory.Exists(procDirectory))
        {
            return found;
        }

        foreach (var entry in Directory.EnumerateDirectories(procDirectory))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // exited meanwhile, or not ours to read
            }

            if (arguments.Length > 0 && Path.GetFileName(arguments[0]) == "ffmpeg" && arguments.Skip(1).Any(a => a.StartsWith(root, StringComparison.Ordinal)))
            {
                found.Add(pid);
            }
        }

        return found;
    }
}
