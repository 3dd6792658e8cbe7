using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.LocalInfra;

/// <summary>
/// A child server process owned by a local infrastructure part: its output goes to a log file (and a short
/// in-memory tail for error messages), and stopping it asks politely (SIGTERM) before killing the whole
/// process tree, so that nothing it started outlives it.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private const int TailLines = 40;
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Queue<string> tail = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> waiters = [];
    private readonly Lock gate = new();

    private ManagedProcess(Process process, StreamWriter log, string name)
    {
        this.process = process;
        this.log = log;
        Name = name;
    }

    public string Name { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the process printed, for error messages.</summary>
    public string Tail
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', tail);
            }
        }
    }

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, string logPath,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(logPath)!,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true, Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, log, name);
        process.OutputDataReceived += (_, e) => managed.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => managed.OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            log.Dispose();
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Waits until the process prints a line matching <paramref name="match"/>; fails if it exits first.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (tail.Any(match))
            {
                return;
            }

            waiters.Add((match, seen));
        }

        var exited = process.WaitForExitAsync(cancellationToken);
        var finished = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout, cancellationToken));
        if (finished == seen.Task)
        {
            return;
        }

        if (finished == exited)
        {
            throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before it was ready:\n{Tail}");
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s:\n{Tail}");
    }

    /// <summary>Waits for a process that is meant to finish (a setup command) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            KillTree();
            throw new TimeoutException($"{Name} did not finish within {timeout.TotalSeconds:F0} s:\n{Tail}");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (SIGTERM unless the server wants another for a quick clean stop), then
    /// after <paramref name="grace"/> kills the whole tree. Idempotent. True when it ended by itself within the grace.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan grace, int signal = SigTerm)
    {
        var stoppedByItself = true;
        if (!process.HasExited)
        {
            _ = SendSignal(process.Id, signal);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                stoppedByItself = false; // below it is killed
            }
        }

        KillTree();
        await process.WaitForExitAsync();
        return stoppedByItself;
    }

    /// <summary>The exit code once it has exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Kills the process and everything it started, now.</summary>
    public void KillTree()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        process.Dispose();
        lock (gate)
        {
            log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after disposal has nowhere to go.
            }

            tail.Enqueue(line);
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
            }

            foreach (var waiter in waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
