using System.Globalization;
using System.Reflection;
using Minio.DataModel.Args;
using Platform.ObjectStorage;

namespace Platform.LocalInfra;

/// <summary>
/// A local S3-compatible server (npm @20minutes/s3rver, patched, installed by scripts/install/s3rver.sh) on a
/// free loopback port with its own temporary data directory. It stands in for MinIO, which cannot be installed
/// here. It can be stopped and started again on the same port and data, so tests can simulate an outage;
/// disposing it stops it and deletes the data.
/// </summary>
/// <remarks>
/// s3rver accepts anonymous requests, so it is no security boundary; it does check signatures of signed
/// requests (we never pass --allow-mismatched-signatures, so the patched signature code is what tests exercise).
/// </remarks>
public sealed class S3Server : IAsyncDisposable
{
    /// <summary>s3rver's single built-in account; it cannot be configured from its command line.</summary>
    public const string Credential = "S3RVER";

    private const string LauncherResource = "s3rver-launcher.js";
    private const string PackageSubdirectory = "node_modules/@20minutes/s3rver";
    private const string InstallStamp = ".install-stamp";
    private const int PortAttempts = 3;

    private readonly S3ServerOptions options;
    private readonly string node;
    private readonly string nodeModules;
    private readonly TempDirectory root;
    private readonly string launcherPath;
    private readonly SemaphoreSlim gate = new(1, 1);
    private ManagedProcess? process;
    private bool disposed;

    private S3Server(S3ServerOptions options, string node, string nodeModules, TempDirectory root, string launcherPath,
        int port)
    {
        this.options = options;
        this.node = node;
        this.nodeModules = nodeModules;
        this.root = root;
        this.launcherPath = launcherPath;
        Port = port;
        DataDirectory = Path.Combine(root.Path, "data");
        LogPath = Path.Combine(root.Path, "s3rver.log");
    }

    /// <summary>The loopback port; it stays the same across <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; private set; }

    public Uri ServiceUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public string AccessKey => Credential;

    public string SecretKey => Credential;

    /// <summary>How a client signs for this server (the region is MinIO's default, which the server ignores).</summary>
    public ObjectStoreConnection Connection => ObjectStoreConnection.From(ServiceUrl.AbsoluteUri, AccessKey, SecretKey);

    /// <summary>Creates <paramref name="bucket"/>, as the deployment's own set-up would on MinIO.</summary>
    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        using var client = MinioClients.Create(Connection);
        await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket), cancellationToken);
    }

    /// <summary>Where s3rver keeps buckets and objects; kept across stop and start, deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>The server's output (one request per line), appended to across restarts.</summary>
    public string LogPath { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The OS process id while running (or stopped but not yet started again), else null.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>Starts a server on a free loopback port with a fresh data directory and waits until it listens.</summary>
    /// <exception cref="InvalidOperationException">node or the s3rver install is missing, or the server failed to start.</exception>
    public static async Task<S3Server> StartAsync(S3ServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new S3ServerOptions();
        options.Validate();
        var node = options.NodeExecutable ?? FindOnPath("node")
            ?? throw new InvalidOperationException("node (Node.js >= 20) is not on PATH; the local S3 server runs on it.");
        var nodeModules = FindInstall(options.ToolsDirectory ?? RepositoryPaths.ToolsDirectory());

        var root = new TempDirectory("s3");
        try
        {
            var launcherPath = Path.Combine(root.Path, LauncherResource);
            await WriteLauncherAsync(launcherPath, cancellationToken);
            Directory.CreateDirectory(Path.Combine(root.Path, "data"));

            // FreePort.Next releases the port before s3rver binds it; if something else takes it meanwhile,
            // s3rver exits with EADDRINUSE and another port is tried.
            for (var attempt = 1; ; attempt++)
            {
                var server = new S3Server(options, node, nodeModules, root, launcherPath, FreePort.Next());
                try
                {
                    await server.StartAgainAsync(cancellationToken);
                    return server;
                }
                catch (InvalidOperationException e) when (attempt < PortAttempts && e.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                    await server.StopAsync();
                }
            }
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server again on the same port and data after <see cref="StopAsync"/>; does nothing if it runs.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning)
            {
                return;
            }

            await StopProcessAsync();
            var environment = new Dictionary<string, string>
            {
                ["NODE_PATH"] = nodeModules,
                // s3rver encrypts list continuation tokens with a cipher OpenSSL 3 only has in its legacy provider.
                ["NODE_OPTIONS"] = "--openssl-legacy-provider",
            };
            string[] arguments =
            [
                launcherPath,
                "-d", DataDirectory,
                "-a", "127.0.0.1",
                "-p", Port.ToString(CultureInfo.InvariantCulture),
            ];
            var started = ManagedProcess.Start("s3rver", node, arguments, LogPath, environment, root.Path);
            process = started;
            ProcessId = started.Pid;
            try
            {
                // The line is printed from the listen callback, so it also proves this process owns the port
                // (a bare TCP probe could be answered by whoever took the port first).
                await started.WaitForLineAsync(line => line.StartsWith("S3rver listening on", StringComparison.Ordinal),
                    options.StartTimeout, cancellationToken);
            }
            catch
            {
                await StopProcessAsync();
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops the server (SIGTERM, then kill after the grace period); keeps the data and the port for a restart.</summary>
    public async Task StopAsync()
    {
        if (disposed)
        {
            return;
        }

        await gate.WaitAsync();
        try
        {
            await StopProcessAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops the server and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        await StopAsync();
        disposed = true;
        root.Dispose();
        gate.Dispose();
    }

    private async Task StopProcessAsync()
    {
        if (process is null)
        {
            return;
        }

        await process.StopAsync(options.StopGrace);
        await process.DisposeAsync();
        process = null;
    }

    private static string FindInstall(string toolsDirectory)
    {
        var installDirectory = Path.Combine(toolsDirectory, "s3rver");
        var cli = Path.Combine(installDirectory, PackageSubdirectory, "lib", "cli.js");

        // The stamp is written last by the install script, after every patch applied: without it the server
        // would run unpatched and fail signed bucket requests in confusing ways.
        if (!File.Exists(cli) || !File.Exists(Path.Combine(installDirectory, InstallStamp)))
        {
            throw new InvalidOperationException(
                $"The local S3 server (s3rver) is not installed in {installDirectory}. Run `./platform test` or " +
                $"scripts/install/s3rver.sh (it honours {RepositoryPaths.ToolsDirVariable}).");
        }

        return Path.Combine(installDirectory, "node_modules");
    }

    private static async Task WriteLauncherAsync(string path, CancellationToken cancellationToken)
    {
        await using var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream(LauncherResource)
            ?? throw new InvalidOperationException($"Embedded resource {LauncherResource} is missing from {typeof(S3Server).Assembly.GetName().Name}.");
        await using var file = File.Create(path);
        await resource.CopyToAsync(file, cancellationToken);
    }

    private static string? FindOnPath(string executable)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);
    }
}
