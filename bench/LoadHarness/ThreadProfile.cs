using System.Globalization;

namespace Platform.LoadHarness;

/// <summary>
/// CPU per thread name inside one process (/proc/PID/task/*/stat), to see where a process's time goes: e.g. the
/// mock broker's thread in the harness, or the silo's Orleans schedulers versus its Kafka clients and storage.
/// Threads with the same name (e.g. `.NET TP Worker`) are summed.
/// </summary>
internal sealed record ThreadProfile(IReadOnlyDictionary<int, (string Name, long Ticks)> Threads)
{
    public static ThreadProfile Take(int pid)
    {
        var threads = new Dictionary<int, (string, long)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                    (stat[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return new ThreadProfile(threads);
    }

    /// <summary>Cores used per thread name between <paramref name="earlier"/> and this profile, busiest first.</summary>
    public IReadOnlyList<(string Name, double Cores)> Since(ThreadProfile earlier, double seconds) =>
        [.. Threads.Select(t => (t.Value.Name, Ticks: t.Value.Ticks - (earlier.Threads.TryGetValue(t.Key, out var before) ? before.Ticks : 0)))
            .GroupBy(t => t.Name)
            .Select(g => (g.Key, g.Sum(t => t.Ticks) / 100.0 / seconds))
            .OrderByDescending(t => t.Item2)];
}
