using System.Diagnostics;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>The silo as a real process (the built Platform.Silo), configured through environment variables, killable.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process process;

    private SiloProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    public static SiloProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet", [BuiltTool.Path("src/Silo", "Platform.Silo")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Several silos run side by side in one test run: their probe endpoints take a free port each.
        start.Environment["Health__Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        // Drain the output so the process never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process);
    }

    public Task WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync(new CancellationTokenSource(timeout).Token);

    /// <summary>A clean stop: SIGTERM, then the host commits what it applied and leaves the group.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(30));
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
