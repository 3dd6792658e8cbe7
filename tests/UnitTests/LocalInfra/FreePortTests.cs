using System.Net;
using System.Net.Sockets;
using Platform.LocalInfra;

namespace Platform.UnitTests.LocalInfra;

public sealed class FreePortTests
{
    [Fact]
    public void Ports_are_below_the_ephemeral_range_that_outgoing_connections_take_their_local_ports_from_and_bindable()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.Next()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 10_000, ephemeralStart - 1));
        Assert.True(ports.Distinct().Count() > 1, "the ports are drawn at random, so that two test processes rarely pick the same");
        using var listener = new TcpListener(IPAddress.Loopback, ports[0]);
        listener.Start();
        Assert.Equal(ports[0], ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
