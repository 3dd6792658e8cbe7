using Platform.LocalInfra;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One RTSP test camera shared by a test collection, with mounts cam1 and cam2 at the default 720p25,
/// GOP 2 s. Tests that stop, restart or reconfigure a camera start their own instead.
/// </summary>
public sealed class RtspCameraFixture : IAsyncLifetime
{
    private RtspCameraServer? server;

    public RtspCameraServer Server => server ?? throw new InvalidOperationException("The RTSP camera fixture is not initialized.");

    public async Task InitializeAsync()
    {
        server = await RtspCameraServer.StartAsync(new RtspCameraOptions { Mounts = ["cam1", "cam2"] });
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
