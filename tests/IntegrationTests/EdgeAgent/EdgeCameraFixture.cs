using Platform.LocalInfra;

namespace Platform.IntegrationTests.EdgeAgent;

/// <summary>
/// The RTSP camera of the edge agent tests: small pictures (cheap to encode on 2 shared cores), a keyframe
/// every second so a test's cache fills quickly, one mount per test that records.
/// </summary>
public sealed class EdgeCameraFixture : IAsyncLifetime
{
    public static readonly RtspCameraOptions Options = new()
    {
        Width = 640,
        Height = 360,
        FramesPerSecond = 25,
        GopSeconds = 1,
        BitrateKbps = 800,
        Mounts = ["cam1", "cam2", "cam3"],
    };

    private RtspCameraServer? server;

    public RtspCameraServer Server => server ?? throw new InvalidOperationException("The camera fixture has not started.");

    public async Task InitializeAsync() => server = await RtspCameraServer.StartAsync(Options);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
