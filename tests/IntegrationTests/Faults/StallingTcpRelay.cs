using System.Net;
using System.Net.Sockets;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// A TCP relay on a free loopback port in front of a server (the S3 server) that can stall: with a budget set, it
/// forwards that many bytes from clients and then stops reading from them, so a client's upload hangs half sent,
/// as over a link that died mid-transfer. <see cref="Release"/> lets everything through again.
/// </summary>
internal sealed class StallingTcpRelay : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> connections = [];
    private readonly Lock gate = new();
    private TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long budget = long.MaxValue;
    private long forwarded;

    public StallingTcpRelay(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        released.SetResult();
        _ = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>Bytes forwarded from clients to the server so far.</summary>
    public long Forwarded => Interlocked.Read(ref forwarded);

    /// <summary>True once a client has sent more than the budget: something is stuck mid-request.</summary>
    public bool IsStalling => Forwarded >= Interlocked.Read(ref budget);

    /// <summary>From now on, forwards at most <paramref name="bytes"/> more from clients, then holds the rest.</summary>
    public void StallAfter(long bytes)
    {
        lock (gate)
        {
            Interlocked.Exchange(ref budget, Forwarded + bytes);
            if (released.Task.IsCompleted)
            {
                released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Release()
    {
        lock (gate)
        {
            Interlocked.Exchange(ref budget, long.MaxValue);
            released.TrySetResult();
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        lock (gate)
        {
            connections.ForEach(c => c.Dispose());
            released.TrySetResult();
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                var server = new TcpClient();
                lock (gate)
                {
                    connections.Add(client);
                    connections.Add(server);
                }

                _ = RelayAsync(client, server);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient server)
    {
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream(), limited: true), PumpAsync(server.GetStream(), client.GetStream(), limited: false));
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // A side went away.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool limited)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var allowed = buffer.Length;
                if (limited)
                {
                    long room;
                    while ((room = Interlocked.Read(ref budget) - Forwarded) <= 0)
                    {
                        Task wait;
                        lock (gate)
                        {
                            wait = released.Task;
                        }

                        await wait.WaitAsync(stopping.Token);
                    }

                    allowed = (int)Math.Min(room, buffer.Length);
                }

                var read = await from.ReadAsync(buffer.AsMemory(0, allowed), stopping.Token);
                if (read == 0)
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
                if (limited)
                {
                    Interlocked.Add(ref forwarded, read);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Closed.
        }
    }
}
