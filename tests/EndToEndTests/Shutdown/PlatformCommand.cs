using System.Diagnostics;
using System.Globalization;
using System.Text;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.EndToEndTests.Shutdown;

/// <summary>
/// `./platform …` as a person or a script runs it: in a session and process group of its own (setsid), so that a
/// Ctrl-C can be sent the way a terminal sends it (SIGINT to the whole group) and every process it started can be found
/// (they share its session unless they leave it). Its state directory is a temp dir; it uses the build the tests ran on.
/// </summary>
internal sealed class PlatformCommand : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();

    private PlatformCommand(Process process, string stateDirectory)
    {
        this.process = process;
        StateDirectory = stateDirectory;
    }

    public string StateDirectory { get; }

    /// <summary>The pid of `./platform` (or of what it exec'd), which is also its session and process group id.</summary>
    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public static PlatformCommand Start(string stateDirectory, params string[] arguments)
    {
        var root = RepositoryPaths.FindRepositoryRoot();
        // Started the hard way, as a script's background job is: with SIGINT and SIGQUIT ignored (a shell cannot undo that
        // itself, and .NET keeps them ignored), which is how a Ctrl-C once stopped only the servers and left the rest.
        var startInfo = new ProcessStartInfo("setsid", ["bash", "-c", "trap '' INT QUIT; exec \"$0\" \"$@\"", Path.Combine(root, "platform"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        startInfo.Environment["PLATFORM_STATE_DIR"] = stateDirectory;
        startInfo.Environment["PLATFORM_TOOLS_DIR"] = Path.Combine(root, ".platform", "tools");
        startInfo.Environment["PLATFORM_CONFIGURATION"] = BuiltTool.Configuration;
        startInfo.Environment["PLATFORM_SKIP_BUILD"] = "1";
        var process = new Process { StartInfo = startInfo };
        var command = new PlatformCommand(process, stateDirectory);
        process.OutputDataReceived += (_, e) => command.Append(e.Data);
        process.ErrorDataReceived += (_, e) => command.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return command;
    }

    /// <summary>Every live process of its session: what a Ctrl-C has to stop (the infrastructure of `infra up` leaves it on purpose).</summary>
    public IReadOnlyList<int> SessionProcesses() => ProcessTable.InSession(Pid);

    /// <summary>Ctrl-C in a terminal: SIGINT to every process of the foreground process group.</summary>
    public void InterruptGroup() => Signal(-Pid, "INT");

    /// <summary>A signal to the main process alone, as `kill PID` sends it.</summary>
    public void SignalMain(string signal) => Signal(Pid, signal);

    public Task WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync(new CancellationTokenSource(timeout).Token);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Signal(-Pid, "KILL");
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static void Signal(int target, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", "--", target.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (gate)
            {
                output.AppendLine(line);
            }
        }
    }
}
