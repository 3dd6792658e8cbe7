using System.Diagnostics;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Shutdown;

/// <summary>
/// The README's commands stopped the way people stop them: Ctrl-C in the terminal (SIGINT to the whole process group)
/// or a signal to the main process alone. Within 10 s nothing they started may be left, and they say what they stopped.
/// The demo is also checked for what it promises once READY: its web UI, API and Orleans Dashboard at the addresses it printed.
/// </summary>
public sealed class CtrlCTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DemoStartLimit = TimeSpan.FromSeconds(180);
    private readonly TempDirectory state = new("ctrl-c");

    [Theory]
    [InlineData(Stop.CtrlC)]
    [InlineData(Stop.SigtermToMain)]
    public async Task Demo_serves_its_ui_at_UI_URL_and_leaves_nothing_running_10_s_after_a_stop(Stop how)
    {
        await using var demo = PlatformCommand.Start(state.Path, "demo");
        var envFile = Path.Combine(state.Path, "demo.env");
        await Eventually.WaitAsync(() => File.Exists(envFile) || demo.HasExited, DemoStartLimit, "the demo to be ready");
        Assert.False(demo.HasExited, demo.Output);
        var env = EnvFile.Read(envFile);

        using (var http = new HttpClient())
        {
            var page = await http.GetStringAsync(new Uri(env["UI_URL"]));
            Assert.Contains("<script type=\"module\" src=\"js/app.js\"></script>", page, StringComparison.Ordinal);
            Assert.Contains("import", await http.GetStringAsync(new Uri(new Uri(env["UI_URL"]), "js/app.js")), StringComparison.Ordinal);
            // The Orleans Dashboard it prints (on a silo, no sign-in) and the cluster it shows.
            Assert.Contains("<title>Orleans Dashboard</title>", await http.GetStringAsync(new Uri(env["ORLEANS_DASHBOARD_URL"])), StringComparison.Ordinal);
            Assert.Contains(env["ORLEANS_DASHBOARD_URL"], demo.Output, StringComparison.Ordinal);
            var counters = "";
            await Eventually.WaitAsync(async () =>
            {
                counters = await http.GetStringAsync(new Uri(new Uri(env["ORLEANS_DASHBOARD_URL"]), "DashboardCounters"));
                return counters.Contains("\"status\":\"Active\"", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(30), () => $"the dashboard to show the silo Active; it shows {counters[..Math.Min(300, counters.Length)]}");
            http.DefaultRequestHeaders.Add("X-Api-Key", env["API_KEY"]);
            Assert.Contains("\"cam1\"", await http.GetStringAsync(new Uri(env["GATEWAY_URL"] + "/api/cameras")), StringComparison.Ordinal);
        }

        var running = demo.SessionProcesses();
        Assert.True(running.Count >= 8, $"expected the demo, silo, gateway, agent, ffmpeg, PostgreSQL, S3 and cameras, found {running.Count}");
        var elapsed = await StopAndWaitAsync(demo, how, running);

        output.WriteLine($"{how}: {running.Count} processes gone after {elapsed.TotalSeconds:0.0} s\n{demo.Output}");
        Assert.Contains("stopping the platform", demo.Output, StringComparison.Ordinal);
        foreach (var part in new[] { "the silo", "the gateway", "the edge-agent", "PostgreSQL", "the S3-compatible server", "the RTSP test cameras" })
        {
            Assert.Contains($"stopped {part}", demo.Output, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(envFile), "demo.env still points at servers that are gone");
    }

    [Theory]
    [InlineData(Stop.CtrlC)]
    [InlineData(Stop.SigintToMain)]
    [InlineData(Stop.SigtermToMain)]
    public async Task Infra_up_interrupted_while_it_starts_stops_what_it_started(Stop how)
    {
        await using var up = PlatformCommand.Start(state.Path, "infra", "up");
        // The infrastructure runs in a session of its own (it outlives `infra up` on purpose). Once it has started its
        // first server, it is frozen (SIGSTOP) so that it cannot become ready before the interrupt, then thawed after it.
        var infra = 0;
        await Eventually.WaitAsync(() =>
        {
            infra = ProcessTable.DescendantsOf(up.Pid).FirstOrDefault(pid => ProcessTable.Describe(pid).Contains("Platform.Infra.dll", StringComparison.Ordinal));
            return (infra != 0 && ProcessTable.DescendantsOf(infra).Count > 0) || up.HasExited;
        }, TimeSpan.FromSeconds(60), "the infrastructure to start its first server");
        Signal(infra, "STOP");
        Assert.False(File.Exists(Path.Combine(state.Path, "infra.env")), "the infrastructure was ready before the test could interrupt it");

        var everything = ProcessTable.DescendantsOf(infra).Append(infra).Concat(up.SessionProcesses()).Distinct().ToList();
        var elapsed = await StopAndWaitAsync(up, how, everything, thaw: infra);

        output.WriteLine($"{how}: {everything.Count} processes gone after {elapsed.TotalSeconds:0.0} s\n{up.Output}");
        Assert.Contains("stopping the local infrastructure it was starting", up.Output, StringComparison.Ordinal);
        Assert.Empty(ProcessTable.WithCommandLineContaining(state.Path));
    }

    public void Dispose() => state.Dispose();

    private static async Task<TimeSpan> StopAndWaitAsync(PlatformCommand command, Stop how, IReadOnlyList<int> processes, int? thaw = null)
    {
        var clock = Stopwatch.StartNew();
        switch (how)
        {
            case Stop.CtrlC:
                command.InterruptGroup();
                break;
            case Stop.SigintToMain:
                command.SignalMain("INT");
                break;
            case Stop.SigtermToMain:
                command.SignalMain("TERM");
                break;
        }

        if (thaw is { } frozen)
        {
            Signal(frozen, "CONT");
        }

        await Eventually.WaitAsync(() => Task.FromResult(!processes.Any(ProcessTable.IsAlive)), StopLimit,
            () => $"every process to stop; still running: {string.Join(", ", processes.Where(ProcessTable.IsAlive).Select(ProcessTable.Describe))}\n{command.Output}");
        await command.WaitForExitAsync(TimeSpan.FromSeconds(5));
        return clock.Elapsed;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public enum Stop
    {
        CtrlC,
        SigintToMain,
        SigtermToMain,
    }
}
