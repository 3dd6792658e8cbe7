using System.Globalization;
using System.Reflection;

namespace Platform.LocalInfra;

/// <summary>
/// A real RTSP camera for tests: GStreamer's RTSP server (Resources/rtsp_camera.py) on a loopback port,
/// serving live H.264 test patterns with the capture wall-clock time burnt into every frame. It can be
/// stopped and started again on the same port, as a camera that loses power and comes back.
/// </summary>
public sealed class RtspCameraServer : IAsyncDisposable
{
    /// <summary>The system interpreter: the python3 first on PATH here is another one, without python3-gi.</summary>
    public const string PythonExecutable = "/usr/bin/python3";

    private const string ScriptResource = "rtsp_camera.py";
    private const string ReadyPrefix = "READY ";
    private const string BindFailedPrefix = "BIND-FAILED";
    private const int PortAttempts = 5;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    private readonly TempDirectory directory;
    private readonly string scriptPath;
    private readonly SemaphoreSlim gate = new(1, 1);
    private ManagedProcess? process;
    private int starts;
    private bool disposed;

    private RtspCameraServer(RtspCameraOptions options, TempDirectory directory, string scriptPath, int port)
    {
        Options = options;
        this.directory = directory;
        this.scriptPath = scriptPath;
        Port = port;
    }

    public RtspCameraOptions Options { get; }

    /// <summary>The loopback port; it stays the same across <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; }

    /// <summary>The server process id; throws while stopped.</summary>
    public int Pid => process?.Pid ?? throw new InvalidOperationException("The RTSP camera is not running.");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts a camera on a free loopback port and returns once it accepts RTSP connections.</summary>
    public static async Task<RtspCameraServer> StartAsync(RtspCameraOptions? options = null, CancellationToken ct = default)
    {
        options ??= new RtspCameraOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RTSP camera options:\n" + string.Join('\n', errors), nameof(options));
        }

        var directory = new TempDirectory("rtsp-camera");
        try
        {
            var scriptPath = Path.Combine(directory.Path, ScriptResource);
            await WriteScriptAsync(scriptPath, ct);

            // FreePort.Next releases the port before Python binds it, so another process can take it in
            // between: that shows as a bind failure, and a fresh port is tried.
            for (var attempt = 1; ; attempt++)
            {
                var server = new RtspCameraServer(options, directory, scriptPath, FreePort.Next());
                if (await server.TryStartProcessAsync(ct))
                {
                    return server;
                }

                if (attempt == PortAttempts)
                {
                    throw new InvalidOperationException($"The RTSP camera could not bind a port in {PortAttempts} attempts.");
                }
            }
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The interpreter's arguments for a camera on <paramref name="port"/>. Pure, so tests can check it;
    /// numbers are written in the invariant culture because Python parses them that way.
    /// </summary>
    public static IReadOnlyList<string> BuildArguments(string scriptPath, int port, RtspCameraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string> { scriptPath, "--port", Invariant(port) };
        foreach (var mount in options.Mounts)
        {
            arguments.Add("--mount");
            arguments.Add(mount);
        }

        arguments.AddRange(
        [
            "--width", Invariant(options.Width),
            "--height", Invariant(options.Height),
            "--fps", Invariant(options.FramesPerSecond),
            "--gop-seconds", options.GopSeconds.ToString("R", CultureInfo.InvariantCulture),
            "--bitrate-kbps", Invariant(options.BitrateKbps),
        ]);
        return arguments;
    }

    /// <summary>The stream URL of one of the configured mounts.</summary>
    public Uri Url(string mount)
    {
        if (!Options.Mounts.Contains(mount, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"'{mount}' is not a mount of this camera ({string.Join(", ", Options.Mounts)}).", nameof(mount));
        }

        return new Uri($"rtsp://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{mount}");
    }

    /// <summary>Starts the server again on the same port after <see cref="StopAsync"/>. No-op while it runs.</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (IsRunning)
            {
                return;
            }

            await DisposeProcessAsync();
            if (!await TryStartProcessAsync(ct))
            {
                // Clients hold URLs with this port, so moving to another one would not be a restart.
                throw new InvalidOperationException($"Port {Port} was taken while the RTSP camera was stopped.");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops the server (connected clients lose their streams); the port is kept for a restart.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync();
        try
        {
            await DisposeProcessAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            await DisposeProcessAsync();
            directory.Dispose();
        }
        finally
        {
            gate.Release();
        }

        gate.Dispose();
    }

    private async Task<bool> TryStartProcessAsync(CancellationToken ct)
    {
        starts++;
        var logPath = Path.Combine(directory.Path, $"rtsp-camera-{starts}.log");
        var started = ManagedProcess.Start("rtsp-camera", PythonExecutable, BuildArguments(scriptPath, Port, Options), logPath);
        try
        {
            await started.WaitForLineAsync(line => line.StartsWith(ReadyPrefix, StringComparison.Ordinal), ReadyTimeout, ct);
        }
        catch (InvalidOperationException) when (started.Tail.Contains(BindFailedPrefix, StringComparison.Ordinal))
        {
            await started.DisposeAsync();
            return false;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        process = started;
        return true;
    }

    private async Task DisposeProcessAsync()
    {
        if (process is null)
        {
            return;
        }

        await process.StopAsync(StopGrace);
        await process.DisposeAsync();
        process = null;
    }

    private static async Task WriteScriptAsync(string path, CancellationToken ct)
    {
        await using var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"Embedded resource {ScriptResource} is missing from {typeof(RtspCameraServer).Assembly.GetName().Name}.");
        await using var file = File.Create(path);
        await resource.CopyToAsync(file, ct);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
