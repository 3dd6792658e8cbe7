using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Platform.Grains.Interfaces.Edge;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// Live view through every real part: the page's Live button, the gateway, the camera grain's lease, start-live on the
/// broker, a real edge agent streaming a real RTSP test camera to S3 as HLS, and hls.js playing it in Chromium.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium, ITestOutputHelper output)
    : IAsyncLifetime
{
    private static readonly RtspCameraOptions CameraOptions = new()
    {
        Width = 640, Height = 360, FramesPerSecond = 25, GopSeconds = 1, BitrateKbps = 800, Mounts = ["lobby"],
    };

    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        .With("Logging:LogLevel:Default", "Warning");

    private RtspCameraServer? camera;
    private EdgeAgentHost? agent;

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.CameraAsync(host, "lobby", "site-a", "Lobby");
        camera = await RtspCameraServer.StartAsync(CameraOptions);
        agent = await EdgeAgentHost.StartAsync(host, kafka, s3, [("lobby", camera.Url("lobby"))]);
    }

    public async Task DisposeAsync()
    {
        if (agent is not null)
        {
            await agent.DisposeAsync();
        }

        if (camera is not null)
        {
            await camera.DisposeAsync();
        }

        await host.DisposeAsync();
    }

    [Fact]
    public async Task Live_plays_the_camera_within_seconds_of_now_two_viewers_share_one_stream_and_it_stops_when_both_leave()
    {
        await using var first = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        await first.SignInAsync(host.AdminKey);
        await Expect(first.Page.Locator("tr[data-camera-id='lobby']")).ToContainTextAsync("Online", new() { Timeout = 40_000 });

        var clicked = Stopwatch.StartNew();
        await first.Page.GetByRole(AriaRole.Link, new() { Name = "Watch Lobby live" }).ClickAsync();
        await Expect(first.Page.Locator(".live-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await first.Page.WaitForFunctionAsync("() => document.querySelector('.live-video')?.currentTime > 0.5", null, new() { Timeout = 30_000 });
        output.WriteLine($"click to playing: {clicked.Elapsed.TotalSeconds:F2} s");
        await Expect(first.Page.Locator(".live-behind")).ToHaveAttributeAsync("data-seconds", new System.Text.RegularExpressions.Regex(@"^-?\d"));

        // The frame on the screen is of now, by the clock the camera burnt into it (read back with OCR), in five
        // readable pictures about a second apart (OCR of a compressed frame may fail on one: at most ten are taken);
        // and the page's own estimate (the segments' program date time) agrees.
        var delays = new List<double>();
        for (var attempt = 0; attempt < 10 && delays.Count < 5; attempt++)
        {
            var before = DateTimeOffset.UtcNow;
            var picture = await first.Page.Locator(".live-video").ScreenshotAsync();
            var taken = before + ((DateTimeOffset.UtcNow - before) / 2);
            if (await BurnedInClock.TryReadAsync(picture, taken) is { } shown)
            {
                delays.Add((taken - shown).TotalSeconds);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.True(delays.Count == 5, $"only {delays.Count} of 10 pictures had a readable clock");
        output.WriteLine($"glass to glass (camera's burnt-in clock to screen): {string.Join(", ", delays.Select(d => d.ToString("F2", CultureInfo.InvariantCulture)))} s");
        Assert.All(delays, d => Assert.InRange(d, 0, 8));
        var behind = double.Parse(await first.Page.Locator(".live-behind").GetAttributeAsync("data-seconds") ?? "", CultureInfo.InvariantCulture);
        output.WriteLine($"the page's own estimate: {behind:F2} s behind");
        Assert.InRange(behind, -1, 8);

        await using var second = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        await second.SignInAsync(host.AdminKey);
        await second.Page.GotoAsync("/#/live?cameraId=lobby");
        await Expect(second.Page.Locator(".live-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        var starts = (await host.Silo.ReadLiveCommandsAsync(3, TimeSpan.FromSeconds(3))).Where(c => c.Command == LiveViewCommand.StartLive);
        Assert.Single(starts.Select(c => c.StreamId).Distinct());

        // Closing both pages: each says it left (pagehide), and the second leave stops the edge stream.
        await first.Page.CloseAsync(new() { RunBeforeUnload = true });
        await second.Page.CloseAsync(new() { RunBeforeUnload = true });
        await Eventually.WaitAsync(async () => (await host.Silo.ReadLiveCommandsAsync(100, TimeSpan.FromSeconds(1))).Any(c => c.Command == LiveViewCommand.StopLive),
            TimeSpan.FromSeconds(30), () => "a stop-live command");
        using var store = host.CreateS3Client();
        await Eventually.WaitAsync(async () => !(await store.ListKeysAsync(host.Bucket, "live/")).Any(), TimeSpan.FromSeconds(20),
            () => "the agent to remove the stream's objects");
        Assert.Empty(first.PageErrors);
        Assert.Empty(second.PageErrors);
    }
}
