using System.Diagnostics;

namespace Platform.IntegrationTests.Silo;

/// <summary>The silo as a real process (the built Platform.Silo), configured through environment variables, killable.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process process;
    private bool disposed;

    private SiloProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    public static SiloProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        // Several silos run side by side in one test run: their probe endpoints take a free port each.
        var withHealth = new Dictionary<string, string?> { ["Health:Urls"] = "http://127.0.0.1:0" };
        foreach (var (key, value) in settings)
        {
            withHealth[key] = value;
        }

        return new SiloProcess(BuiltServiceProcess.Start("src/Silo", "Platform.Silo", withHealth));
    }

    public Task WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync(new CancellationTokenSource(timeout).Token);

    /// <summary>A clean stop: SIGTERM, then the host commits what it applied and leaves the group.</summary>
    public async Task StopAsync()
    {
        await BuiltServiceProcess.SignalAsync(process, "TERM");
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGKILL unless it has exited; safe to call again (a test kills, and its using block disposes).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
