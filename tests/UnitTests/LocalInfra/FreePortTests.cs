using System.Net;
using System.Net.Sockets;
using Platform.LocalInfra;

namespace Platform.UnitTests.LocalInfra;

public sealed class FreePortTests
{
    [Fact]
    public void Ports_asked_for_in_a_row_are_all_different_and_bindable_though_the_kernel_may_hand_a_released_one_out_again()
    {
        var ports = Enumerable.Range(0, 500).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
        Assert.Equal(ports[^1], ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
