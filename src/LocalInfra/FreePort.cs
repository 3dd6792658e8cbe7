using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.LocalInfra;

/// <summary>Finds TCP ports on the loopback interface that nothing listens on.</summary>
public static class FreePort
{
    /// <summary>
    /// A port that nothing listens on, chosen below the kernel's ephemeral range: a port from that range (what
    /// binding port 0 gives) can be taken in the meantime as the local end of any outgoing connection (a Kafka or
    /// PostgreSQL client of the same test run), and then the server meant for it fails to start. Another process
    /// could still bind the port first; callers that start servers retry on a bind failure.
    /// </summary>
    public static int Next()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 100 && below > 10_000; attempt++)
        {
            var port = Random.Shared.Next(10_000, below);
            if (CanBind(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Linux: "32768	60999"; elsewhere, IANA's dynamic range.
    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0],
            System.Globalization.CultureInfo.InvariantCulture, out var start) ? start : 49152;
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits until the port accepts connections, the process dies, or the deadline passes.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool>? hasFailed = null,
        CancellationToken cancellationToken = default)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await IsListeningAsync(port, cancellationToken))
        {
            if (hasFailed?.Invoke() == true)
            {
                throw new InvalidOperationException($"The server meant to listen on port {port} exited before it did.");
            }

            if (elapsed.Elapsed > timeout)
            {
                throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
