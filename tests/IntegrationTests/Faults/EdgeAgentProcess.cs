using System.Diagnostics;
using Platform.Testing;

namespace Platform.IntegrationTests.Faults;

/// <summary>The edge agent as a real process (the built Platform.EdgeAgent), configured through environment variables, killable.</summary>
internal sealed class EdgeAgentProcess : IDisposable
{
    private readonly Process process;
    private readonly string cacheDirectory;

    private EdgeAgentProcess(Process process, string cacheDirectory)
    {
        this.process = process;
        this.cacheDirectory = cacheDirectory;
    }

    public static EdgeAgentProcess Start(IReadOnlyDictionary<string, string?> settings) =>
        new(BuiltServiceProcess.Start("src/EdgeAgent", "Platform.EdgeAgent", settings), settings["EdgeAgent:CacheDirectory"]!);

    /// <summary>
    /// SIGKILL, as a power cut or the OOM killer would. Its ffmpeg recorders outlive it (see the agent's README: a
    /// supervisor owns the process group); they are ended here, by pid, as that supervisor would.
    /// </summary>
    public async Task KillAsync()
    {
        await BuiltServiceProcess.SignalAsync(process, "KILL");
        await process.WaitForExitAsync();
        foreach (var orphan in ProcessTable.WithCommandLineContaining(cacheDirectory))
        {
            try
            {
                using var recorder = Process.GetProcessById(orphan);
                recorder.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
