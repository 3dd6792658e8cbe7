using System.Globalization;
using Platform.LocalInfra;

namespace Platform.LocalPlatform;

/// <summary>
/// One of the platform's services as a real process (`dotnet src/X/bin/…/Platform.X.dll`), configured through
/// environment variables, ready when its /readyz answers 200, stopped with SIGTERM (killed if it lingers).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly ManagedProcess process;

    private ServiceProcess(ManagedProcess process, Uri healthUrl)
    {
        this.process = process;
        HealthUrl = healthUrl;
    }

    public string Name => process.Name;

    public int Pid => process.Pid;

    public bool HasExited => process.HasExited;

    /// <summary>The base URL of /healthz and /readyz.</summary>
    public Uri HealthUrl { get; }

    /// <summary>The last lines it printed, for error messages.</summary>
    public string Tail => process.Tail;

    /// <param name="project">The project folder, e.g. "src/Silo"; the assembly is Platform.{folder name}.</param>
    public static ServiceProcess Start(string name, string project, string configuration, int healthPort,
        IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        var assembly = $"Platform.{Path.GetFileName(project)}";
        var dll = Path.Combine(RepositoryPaths.FindRepositoryRoot(), project, "bin", configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{assembly} is not built in {configuration}: run `./platform build` first.", dll);
        }

        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        Directory.CreateDirectory(logDirectory);
        var process = ManagedProcess.Start(name, "dotnet", [dll], Path.Combine(logDirectory, $"{name}.log"), environment, logDirectory);
        return new ServiceProcess(process, new Uri($"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}/"));
    }

    /// <summary>Waits for /readyz to answer 200; fails with the process's last output if it exits or takes too long.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited while starting:\n{Tail}");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(HealthUrl, "readyz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s:\n{Tail}");
    }

    /// <summary>SIGTERM, then kill -9 after <paramref name="grace"/> (20 s unless given). True when it stopped by itself.</summary>
    public Task<bool> StopAsync(TimeSpan? grace = null) => process.StopAsync(grace ?? TimeSpan.FromSeconds(20));

    /// <summary>The exit code once it has exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>kill -9, for fault tests.</summary>
    public void Kill() => process.KillTree();

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
