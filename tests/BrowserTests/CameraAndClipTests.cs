using Microsoft.Playwright;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CameraAndClipTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium, ITestOutputHelper output)
    : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        // Request logs of every status poll would drown the test output; warnings and errors still show.
        .With("Logging:LogLevel:Default", "Warning");

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.SiteAsync(host, "site-b", "Site B");
        await Seed.CameraAsync(host, "cam-entrance", "site-a", "Entrance");
        await Seed.CameraAsync(host, "cam-dock", "site-b", "Loading dock");
        // Online as the camera grain sees it: its edge agent's heartbeat, applied before the page first asks.
        var heartbeat = await host.Silo.ProduceHeartbeatAsync(EdgeHeartbeats.Connected("agent-1", "cam-entrance", TimeProvider.System.GetUtcNow()));
        await host.Silo.WaitUntilAppliedAsync(host.Silo.StatusTopic, heartbeat);
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Signed_in_user_sees_the_camera_then_the_clip_thumbnail_and_the_clip_plays()
    {
        var clipId = $"clip-{Guid.NewGuid():N}";
        await new ClipStore(host).UploadAsync(new TestClip(clipId, "cam-entrance", DateTimeOffset.UtcNow.AddMinutes(-5)),
            await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;

        await session.SignInAsync(host.AdminKey);
        var camera = page.Locator("tr[data-camera-id='cam-entrance']");
        await Expect(camera).ToContainTextAsync("Entrance");
        await Expect(camera).ToContainTextAsync("Online");

        await page.GetByRole(AriaRole.Link, new() { Name = "Clips", Exact = true }).ClickAsync();
        var card = page.Locator($"li[data-clip-id='{clipId}']");
        // Decoded, not just requested: the redirect to the presigned object-store URL passed the page's CSP.
        await Expect(card.Locator("img.thumbnail")).ToHaveJSPropertyAsync("naturalWidth", SampleMedia.Width);

        await page.SetViewportSizeAsync(1440, 900);
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new("^Play clip from Entrance") }).ClickAsync();
        var video = page.Locator("#clip-video");
        await Expect(video).ToHaveAttributeAsync("src", $"/api/clips/{clipId}/content?proxy=true");
        await page.WaitForFunctionAsync("() => document.getElementById('clip-video')?.readyState >= 2");
        var startedAt = await video.EvaluateAsync<double>("v => v.currentTime");
        await page.WaitForFunctionAsync("t => document.getElementById('clip-video').currentTime > t + 0.5", startedAt);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "clip-playing.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");

        // The player's controls (the bottom of the video element) are on screen, not below the fold.
        var bottom = await video.EvaluateAsync<double>("v => v.getBoundingClientRect().bottom");
        Assert.True(bottom <= 900, $"the player ends at {bottom} px in a 900 px high window");
        Assert.True(await video.EvaluateAsync<int>("v => v.readyState") >= 2);
        Assert.Equal(SampleMedia.Width, await video.EvaluateAsync<int>("v => v.videoWidth"));
        Assert.True(new FileInfo(screenshot).Length > 0);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_link_to_a_cameras_moment_opens_the_clip_covering_it_there_and_the_clip_names_its_rules()
    {
        var clipId = $"clip-{Guid.NewGuid():N}";
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMillisecond));
        await new ClipStore(host).UploadAsync(new TestClip(clipId, "cam-entrance", start) { RuleId = "door-rule" }, await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);

        await page.GotoAsync($"/#/clips?cameraId=cam-entrance&at={Uri.EscapeDataString(start.AddSeconds(2).ToString("O"))}");

        var video = page.Locator("#clip-video");
        await Expect(video).ToHaveAttributeAsync("src", $"/api/clips/{clipId}/content?proxy=true");
        await Expect(page.Locator(".moment")).ToContainTextAsync("The event is 2 s into the clip.");
        await page.WaitForFunctionAsync("() => document.getElementById('clip-video')?.readyState >= 1 && document.getElementById('clip-video').currentTime >= 1.9");
        await Expect(page.Locator($"li[data-clip-id='{clipId}']")).ToContainTextAsync("rule door-rule");
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Site_filter_lists_only_the_cameras_of_the_chosen_site()
    {
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        await Expect(page.Locator("tr[data-camera-id='cam-dock']")).ToBeVisibleAsync();

        await page.GetByLabel("Site").SelectOptionAsync("site-a");

        await Expect(page.Locator("tr[data-camera-id='cam-entrance']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-camera-id='cam-dock']")).ToHaveCountAsync(0);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_with_a_message_beside_the_field()
    {
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await page.GotoAsync("/");

        await page.GetByLabel("API key").FillAsync("pk_nobody_not-a-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#api-key-error")).ToHaveTextAsync("The API key is unknown or has been revoked.");
        await Expect(page.GetByLabel("API key")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
    }
}
