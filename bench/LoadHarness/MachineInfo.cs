using System.Diagnostics;
using System.Globalization;
using Platform.LocalInfra;

namespace Platform.LoadHarness;

/// <summary>What the numbers were measured on: cores, memory, load average (the machine is shared) and the commit.</summary>
internal sealed record MachineInfo(int Cores, double MemoryGiB, string LoadAverage, string Commit)
{
    public static MachineInfo Read() => new(Environment.ProcessorCount, ReadMemoryGiB(), ReadLoadAverage(), ReadCommit());

    /// <summary>1, 5 and 15 minute load averages from /proc/loadavg.</summary>
    public static string ReadLoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static double ReadMemoryGiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return double.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / (1024 * 1024);
    }

    // A working copy without .git (a private copy of the tree) names its commit through GIT_COMMIT.
    private static string ReadCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", RepositoryPaths.FindRepositoryRoot(), "rev-parse", "--short", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            if (git.ExitCode == 0 && output.Length > 0)
            {
                return output;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        return Environment.GetEnvironmentVariable("GIT_COMMIT") is { Length: > 0 } commit ? commit : "unknown";
    }
}
