using System.Diagnostics;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Infrastructure;

[Collection(RtspCollection.Name)]
public sealed class RtspCameraTests(RtspCameraFixture camera) : IDisposable
{
    private readonly TempDirectory work = new("rtsp-camera-tests");

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task Default_mounts_serve_h264_at_1280x720_and_25_fps()
    {
        var probes = await Task.WhenAll(
            MediaProbe.ProbeVideoAsync(camera.Server.Url("cam1").AbsoluteUri),
            MediaProbe.ProbeVideoAsync(camera.Server.Url("cam2").AbsoluteUri));

        foreach (var stream in probes)
        {
            Assert.Equal("h264", stream.CodecName);
            Assert.Equal((1280, 720), (stream.Width, stream.Height));
            Assert.Equal(25, stream.RealFrameRate, precision: 3);
            Assert.Equal(25, stream.AverageFrameRate, precision: 3);
        }
    }

    [Fact]
    public async Task Server_started_with_other_options_serves_them()
    {
        await using var server = await RtspCameraServer.StartAsync(
            new RtspCameraOptions { Width = 640, Height = 360, FramesPerSecond = 15, GopSeconds = 1, Mounts = ["lobby"] });

        var stream = await MediaProbe.ProbeVideoAsync(server.Url("lobby").AbsoluteUri);

        Assert.Equal("h264", stream.CodecName);
        Assert.Equal((640, 360), (stream.Width, stream.Height));
        Assert.Equal(15, stream.RealFrameRate, precision: 3);
    }

    [Fact]
    public async Task Keyframes_arrive_every_gop_seconds_whoever_else_connects()
    {
        var url = camera.Server.Url("cam1").AbsoluteUri;
        var file = Path.Combine(work.Path, "gop.mkv");

        // Another client joining mid-recording must not add keyframes: a camera's GOP is fixed.
        var recording = MediaProbe.RecordAsync(url, TimeSpan.FromSeconds(6), file);
        await MediaProbe.ProbeVideoAsync(url);
        await recording;

        AssertKeyframeGrid(await MediaProbe.KeyframeTimesAsync(file), camera.Server.Options.GopSeconds, minimumIntervals: 2);
    }

    [Fact]
    public async Task Keyframe_interval_follows_the_gop_option()
    {
        await using var server = await RtspCameraServer.StartAsync(
            new RtspCameraOptions { Width = 640, Height = 360, FramesPerSecond = 15, GopSeconds = 1 });
        var file = Path.Combine(work.Path, "gop1.mkv");

        await MediaProbe.RecordAsync(server.Url("cam1").AbsoluteUri, TimeSpan.FromSeconds(4), file);

        AssertKeyframeGrid(await MediaProbe.KeyframeTimesAsync(file), gopSeconds: 1, minimumIntervals: 3);
    }

    [Fact]
    public async Task Two_clients_at_once_both_receive_frames()
    {
        var url = camera.Server.Url("cam2").AbsoluteUri;
        var first = Path.Combine(work.Path, "first.mkv");
        var second = Path.Combine(work.Path, "second.mkv");

        await Task.WhenAll(
            MediaProbe.RecordAsync(url, TimeSpan.FromSeconds(3), first),
            MediaProbe.RecordAsync(url, TimeSpan.FromSeconds(3), second));

        // Each recording starts at a keyframe it waited for (up to one GOP), so expect at least one second's worth.
        Assert.InRange(await MediaProbe.VideoPacketCountAsync(first), 25, 100);
        Assert.InRange(await MediaProbe.VideoPacketCountAsync(second), 25, 100);
    }

    [Fact]
    public async Task Restart_after_stop_serves_again_on_the_same_port()
    {
        await using var server = await RtspCameraServer.StartAsync(new RtspCameraOptions { Width = 320, Height = 180 });
        var url = server.Url("cam1").AbsoluteUri;
        var port = server.Port;
        await MediaProbe.ProbeVideoAsync(url);

        await server.StopAsync();
        Assert.False(server.IsRunning);
        Assert.False(await FreePort.IsListeningAsync(port));

        await server.StartAgainAsync();
        Assert.True(server.IsRunning);
        Assert.Equal(port, server.Port);
        Assert.Equal(url, server.Url("cam1").AbsoluteUri);
        Assert.Equal((320, 180), await SizeAsync(url));
    }

    [Fact]
    public async Task Disposal_leaves_no_server_process_behind()
    {
        var server = await RtspCameraServer.StartAsync(new RtspCameraOptions { Width = 320, Height = 180 });
        var pid = server.Pid;
        Assert.True(Directory.Exists($"/proc/{pid}"));

        await server.DisposeAsync();

        // Disposal waits for the exit; the deadline only covers the runtime reaping the child.
        var elapsed = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && elapsed.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(20);
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"Process {pid} is still there after disposal.");
        Assert.False(server.IsRunning);
    }

    private static async Task<(int Width, int Height)> SizeAsync(string url)
    {
        var stream = await MediaProbe.ProbeVideoAsync(url);
        return (stream.Width, stream.Height);
    }

    private static void AssertKeyframeGrid(IReadOnlyList<double> keyframes, double gopSeconds, int minimumIntervals)
    {
        var intervals = keyframes.Zip(keyframes.Skip(1), (a, b) => b - a).ToList();
        Assert.True(intervals.Count >= minimumIntervals,
            $"Expected at least {minimumIntervals + 1} keyframes, got {keyframes.Count}: {string.Join(", ", keyframes)}");
        Assert.All(intervals, interval => Assert.InRange(interval, gopSeconds - 0.1, gopSeconds + 0.1));
    }
}
