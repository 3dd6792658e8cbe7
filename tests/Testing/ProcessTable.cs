namespace Platform.Testing;

/// <summary>Looks processes up in /proc, to check that nothing a fixture started outlives it.</summary>
public static class ProcessTable
{
    /// <summary>True while the pid exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            // Field 3, after the parenthesised command name, is the state; 'Z' is a finished process.
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Every live process whose command line contains <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string fragment)
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
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(fragment, StringComparison.Ordinal) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    /// <summary>Every live process below <paramref name="pid"/> in the process tree (children, grandchildren…).</summary>
    public static IReadOnlyList<int> DescendantsOf(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var child) && TryReadParent(child, out var parent))
            {
                parents[child] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var child in parents.Where(p => p.Value == current).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>"1234 dotnet Platform.Silo.dll", for messages about processes that should not be there.</summary>
    public static string Describe(int pid)
    {
        try
        {
            return $"{pid} {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}";
        }
        catch (IOException)
        {
            return $"{pid} (gone)";
        }
    }

    /// <summary>Every live process of session <paramref name="sessionId"/> (setsid made the session's first process its id).</summary>
    public static IReadOnlyList<int> InSession(int sessionId)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryReadStatField(pid, 3, out var session) && session == sessionId && IsAlive(pid))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static bool TryReadParent(int pid, out int parent) => TryReadStatField(pid, 1, out parent);

    // Fields after the parenthesised command name: state (0), parent pid (1), process group (2), session (3).
    private static bool TryReadStatField(int pid, int field, out int value)
    {
        value = 0;
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[field], out value);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
