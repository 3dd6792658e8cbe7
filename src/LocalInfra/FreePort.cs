using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.LocalInfra;

/// <summary>Finds TCP ports on the loopback interface that nothing listens on.</summary>
public static class FreePort
{
    // Ports handed out lately: the kernel may give a port it just got back again, so that two servers of one process
    // (a silo's silo and gateway ports, asked for in a row) would both be given it.
    private const int Remembered = 4096;
    private static readonly Queue<int> Recent = new();
    private static readonly HashSet<int> RecentSet = [];

    /// <summary>
    /// Asks the kernel for an ephemeral port and releases it, never one this process was given lately. Another
    /// process could take the port before the caller binds it; callers that start servers retry on a bind failure.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Recent)
            {
                if (!RecentSet.Add(port))
                {
                    continue;
                }

                Recent.Enqueue(port);
                if (Recent.Count > Remembered)
                {
                    RecentSet.Remove(Recent.Dequeue());
                }

                return port;
            }
        }
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
