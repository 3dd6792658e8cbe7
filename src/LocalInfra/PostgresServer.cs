using Npgsql;

namespace Platform.LocalInfra;

/// <summary>
/// A throw-away PostgreSQL cluster: initdb into a temp dir, then the postgres server in the foreground as a
/// child process on a free loopback port (as the postgres user when running as root, since PostgreSQL refuses
/// to run as root). It is for development and tests, so durability is traded for speed (fsync off); the
/// data dir is removed on disposal.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string UserName = "platform";
    private const string ServiceAccount = "postgres";

    // Debian's perl-base is Essential (always installed): setpgrp then exec keeps the pid, so the server is still the child.
    private const string InOwnProcessGroup = "setpgrp(0, 0) or die \"setpgrp: $!\"; exec { $ARGV[0] } @ARGV or die \"exec $ARGV[0]: $!\"";

    private readonly TempDirectory directory;
    private readonly string binDirectory;
    private readonly bool ownProcessGroup;
    private ManagedProcess? process;

    private PostgresServer(TempDirectory directory, string binDirectory, int port, bool ownProcessGroup)
    {
        this.directory = directory;
        this.binDirectory = binDirectory;
        this.ownProcessGroup = ownProcessGroup;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(directory.Path, "data");

    public int? Pid => process is { HasExited: false } p ? p.Pid : null;

    public bool IsRunning => process is { HasExited: false };

    /// <summary>A connection string for <paramref name="database"/> (default: the maintenance database).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = UserName,
        Database = database,
    }.ConnectionString;

    /// <summary>A postgres:// URL, the form scripts and psql take.</summary>
    public string Url(string database = "postgres") => $"postgresql://{UserName}@127.0.0.1:{Port}/{database}";

    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(false, cancellationToken);

    /// <param name="ownProcessGroup">
    /// Run the server in a process group of its own (in the same session): a terminal's Ctrl-C, which is SIGINT to the
    /// foreground group, then does not reach it, and whoever started it stops it after the services that need it to
    /// stop cleanly (PostgreSQL stops at once on SIGINT). Stopping and disposing work the same either way.
    /// </param>
    public static async Task<PostgresServer> StartAsync(bool ownProcessGroup, CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var directory = new TempDirectory("postgres");
        var server = new PostgresServer(directory, binDirectory, FreePort.Next(), ownProcessGroup);
        try
        {
            await server.InitializeAsync(cancellationToken);
            await server.StartAgainAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server again on the same port and data (after <see cref="StopAsync"/>).</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var executable = AsServiceAccount(Path.Combine(binDirectory, "postgres"));
        var arguments = ServiceAccountArguments([
            "-D", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", directory.Path, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
        ], Path.Combine(binDirectory, "postgres"));
        process = ownProcessGroup
            ? ManagedProcess.Start("postgres", "perl", ["-e", InOwnProcessGroup, "--", executable, .. arguments], Path.Combine(directory.Path, "postgres.log"))
            : ManagedProcess.Start("postgres", executable, arguments, Path.Combine(directory.Path, "postgres.log"));
        await process.WaitForLineAsync(line => line.Contains("ready to accept connections", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Stops the server, keeping its data and port for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (process is not null)
        {
            // SIGINT is PostgreSQL's fast shutdown; SIGTERM (smart) would wait for pooled client connections.
            await process.StopAsync(TimeSpan.FromSeconds(10), ManagedProcess.SigInt);
            await process.DisposeAsync();
            process = null;
        }
    }

    /// <summary>Creates an empty database, so that each test or service starts with its own data.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("A database name here is letters, digits and underscores.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        directory.Dispose();
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Environment.IsPrivilegedProcess)
        {
            GiveToServiceAccount(directory.Path);
        }

        var initdb = Path.Combine(binDirectory, "initdb");
        await using var init = ManagedProcess.Start("initdb", AsServiceAccount(initdb),
            ServiceAccountArguments(["-D", DataDirectory, "-A", "trust", "-U", UserName, "-E", "UTF8", "--no-sync"], initdb),
            Path.Combine(directory.Path, "initdb.log"));
        var exitCode = await init.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed with exit code {exitCode}:\n{init.Tail}");
        }
    }

    private static string AsServiceAccount(string executable) =>
        Environment.IsPrivilegedProcess ? "setpriv" : executable;

    // setpriv execs the server in place (no extra parent process), so stopping the child stops PostgreSQL.
    private static IEnumerable<string> ServiceAccountArguments(IEnumerable<string> arguments, string executable) =>
        Environment.IsPrivilegedProcess
            ? ["--reuid", ServiceAccount, "--regid", ServiceAccount, "--init-groups", "--", executable, .. arguments]
            : arguments;

    private static void GiveToServiceAccount(string path)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", $"{ServiceAccount}:{ServiceAccount}", path]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown of {path} to {ServiceAccount} failed; is the postgresql package installed?");
        }
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(c => File.Exists(Path.Combine(c.Bin, "initdb")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Bin)
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException($"No PostgreSQL server found under {root}: install the postgresql package (./platform test does).");
    }
}
