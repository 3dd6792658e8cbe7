using System.Globalization;

namespace Platform.EdgeAgentBench;

/// <summary>CPU time of processes from /proc (user + system, in seconds).</summary>
internal static class ProcCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Seconds(int pid) => Seconds($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

    private static double Seconds(string statPath)
    {
        try
        {
            var text = File.ReadAllText(statPath);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: state is field 3, utime 14 and stime 15 (1-based over the whole line).
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds of the threads of <paramref name="pid"/> whose name is <paramref name="threadName"/>.</summary>
    public static double ThreadSeconds(int pid, string threadName)
    {
        var total = 0.0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == threadName)
                {
                    total += Seconds(Path.Combine(task, "stat"));
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return total;
    }

    public static IReadOnlyList<int> Children(int parent, string command)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var name = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (name == command && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
