using System.Diagnostics;
using System.Globalization;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>A service of this repository as a real process: its built DLL, configured through environment variables.</summary>
internal static class BuiltServiceProcess
{
    /// <summary>Set to a directory, each process's output goes to a file there ({assembly}-{pid}.log), to diagnose a run.</summary>
    public const string LogDirectoryVariable = "PLATFORM_TEST_SERVICE_LOGS";

    /// <summary>
    /// Starts it with <paramref name="settings"/> ("A:B" keys become "A__B" variables), its output drained so it never
    /// blocks on a full pipe (and kept when <see cref="LogDirectoryVariable"/> names a directory).
    /// </summary>
    public static Process Start(string projectDirectory, string assemblyName, IReadOnlyDictionary<string, string?> settings, OutputTail? tail = null)
    {
        var start = new ProcessStartInfo("dotnet", [BuiltTool.Path(projectDirectory, assemblyName)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var log = Environment.GetEnvironmentVariable(LogDirectoryVariable) is { Length: > 0 } directory
            ? TextWriter.Synchronized(new StreamWriter(Path.Combine(directory, $"{assemblyName}-{process.Id}.log")) { AutoFlush = true })
            : null;
        process.OutputDataReceived += (_, line) => { log?.WriteLine(line.Data); tail?.Add(line.Data); };
        process.ErrorDataReceived += (_, line) => { log?.WriteLine(line.Data); tail?.Add(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Sends <paramref name="signal"/> ("TERM", "KILL") to the process.</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }
}
