using System.Diagnostics;
using Npgsql;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>The silo as a real process (the built Platform.Silo), configured through environment variables, killable.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process process;
    private readonly int siloPort;
    private readonly OutputTail tail;
    private bool disposed;

    private SiloProcess(Process process, int siloPort, OutputTail tail) => (this.process, this.siloPort, this.tail) = (process, siloPort, tail);

    public bool HasExited => process.HasExited;

    public static SiloProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        // Several silos run side by side in one test run: their probe endpoints take a free port each.
        var withHealth = new Dictionary<string, string?>
        {
            ["Health:Urls"] = "http://127.0.0.1:0",
            // Kept only when PLATFORM_TEST_SERVICE_LOGS asks for the output (see BuiltServiceProcess).
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in settings)
        {
            withHealth[key] = value;
        }

        var tail = new OutputTail();
        return new SiloProcess(BuiltServiceProcess.Start("src/Silo", "Platform.Silo", withHealth, tail),
            int.Parse(withHealth["Orleans:SiloPort"] ?? "11111", System.Globalization.CultureInfo.InvariantCulture), tail);
    }

    /// <summary>Waits until this process is an active member of its cluster (its row in orleans_membership says so).</summary>
    public async Task WaitUntilActiveAsync(string connectionString, TimeSpan timeout)
    {
        await Eventually.WaitAsync(async () =>
        {
            // Unpooled: a test may restart PostgreSQL under the silos.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT status FROM orleans_membership WHERE port = $1 ORDER BY generation DESC LIMIT 1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = siloPort });
            return await command.ExecuteScalarAsync() is 3;
        }, timeout, () => $"the silo on port {siloPort} to be an active cluster member; {Describe()}");
    }

    /// <summary>Whether it still runs, and its last lines of output: for the message of a test that waited for it in vain.</summary>
    public string Describe() =>
        $"the silo on port {siloPort} {(process.HasExited ? $"exited with code {process.ExitCode}" : "is running")}; its last output:\n{tail}";

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
