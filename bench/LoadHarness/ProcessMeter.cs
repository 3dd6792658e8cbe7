using System.Diagnostics;

namespace Platform.LoadHarness;

/// <summary>The processes whose CPU and memory the run reports; a tree sums a process and all its descendants.</summary>
internal sealed record MeteredProcess(string Name, int Pid, bool Tree = false)
{
    public double CpuSeconds() => Tree ? ProcStat.TreeCpuSeconds(Pid) : ProcStat.CpuSeconds(Pid) ?? 0;

    public double PeakRssMiB() => Tree ? ProcStat.TreePeakRssMiB(Pid) : ProcStat.PeakRssMiB(Pid) ?? 0;
}

/// <summary>CPU seconds of every metered process at one moment, to difference two moments into cores used.</summary>
internal sealed record CpuSnapshot(long Timestamp, IReadOnlyDictionary<string, double> CpuSeconds)
{
    public static CpuSnapshot Take(IEnumerable<MeteredProcess> processes) =>
        new(Stopwatch.GetTimestamp(), processes.ToDictionary(p => p.Name, p => p.CpuSeconds()));

    /// <summary>Average cores each process used between <paramref name="earlier"/> and this snapshot.</summary>
    public IReadOnlyDictionary<string, double> CoresSince(CpuSnapshot earlier)
    {
        var wall = Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp).TotalSeconds;
        return CpuSeconds.ToDictionary(p => p.Key, p => (p.Value - earlier.CpuSeconds[p.Key]) / wall);
    }
}
