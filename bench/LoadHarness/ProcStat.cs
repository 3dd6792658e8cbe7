using System.Globalization;

namespace Platform.LoadHarness;

/// <summary>
/// CPU time and peak memory of processes, read from /proc (Linux only). CPU is utime + stime in clock ticks of
/// USER_HZ, which is 100 on every Linux architecture .NET runs on.
/// </summary>
internal static class ProcStat
{
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds the process has used (user + system); null once it is gone.</summary>
    public static double? CpuSeconds(int pid, bool withReapedChildren = false)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return null;
        }

        // Fields after the ")" of the command name: [11] utime, [12] stime, [13] cutime, [14] cstime (stat(5) 14–17).
        var ticks = Ticks(fields, 11) + Ticks(fields, 12) + (withReapedChildren ? Ticks(fields, 13) + Ticks(fields, 14) : 0);
        return ticks / TicksPerSecond;
    }

    /// <summary>
    /// CPU seconds of a process tree: the root with the children it has reaped plus every live descendant. Used for
    /// PostgreSQL, whose work is done by backends the postmaster forks.
    /// </summary>
    public static double TreeCpuSeconds(int root)
    {
        var total = CpuSeconds(root, withReapedChildren: true) ?? 0;
        foreach (var pid in Descendants(root))
        {
            total += CpuSeconds(pid) ?? 0;
        }

        return total;
    }

    /// <summary>Peak resident set (VmHWM) in MiB; null once the process is gone.</summary>
    public static double? PeakRssMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The largest VmHWM of the tree (PostgreSQL backends are separate processes sharing buffers).</summary>
    public static double TreePeakRssMiB(int root) =>
        Descendants(root).Prepend(root).Select(pid => PeakRssMiB(pid) ?? 0).Max();

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && StatFields(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture); // [1] ppid
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    /// <summary>The fields of /proc/PID/stat after the command name (which may contain spaces): [0] is the state.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
}
