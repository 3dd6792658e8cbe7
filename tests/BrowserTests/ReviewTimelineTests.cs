using Microsoft.Playwright;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The events view as a review timeline: thumbnails, the player at the alert's moment with its marker, stepping between events, marking reviewed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewTimelineTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium, ITestOutputHelper output)
    : IAsyncLifetime
{
    /// <summary>Set it to a directory to get screenshots of the timeline and the player at a desktop's and a phone's size.</summary>
    private static readonly string? ScreenshotDirectory = Environment.GetEnvironmentVariable("PLATFORM_SCREENSHOTS_DIR");

    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true).With("Logging:LogLevel:Default", "Warning");

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.CameraAsync(host, "cam-entrance", "site-a", "Entrance");
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_alert_plays_at_its_moment_with_a_marker_steps_to_the_next_event_and_once_reviewed_leaves_the_unreviewed_timeline()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMillisecond));
        var clips = new ClipStore(host);
        await clips.UploadAsync(new TestClip("clip-early", "cam-entrance", start), await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        await clips.UploadAsync(new TestClip("clip-late", "cam-entrance", start.AddMinutes(1)), await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        await Seed.AlertAsync(host, "alert-early", "cam-entrance", start.AddSeconds(2));
        await Seed.AlertAsync(host, "alert-late", "cam-entrance", start.AddMinutes(1).AddSeconds(1));
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(host.AdminKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }).ClickAsync();
        var early = page.Locator(".timeline:not(.live) li[data-event-id='alert-early']");
        await Expect(early.Locator("img.thumbnail")).ToHaveJSPropertyAsync("naturalWidth", SampleMedia.Width);
        await ScreenshotAsync(page, "timeline");

        await early.GetByRole(AriaRole.Button, new() { NameRegex = new("^Play the clip of Person at the door") }).ClickAsync();
        var video = page.Locator("#clip-video");
        await Expect(video).ToHaveAttributeAsync("src", "/api/clips/clip-early/content?proxy=true");
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('clip-video'); return v?.readyState >= 1 && Math.abs(v.currentTime - 2) < 0.3; }");
        // The marker sits at the alert's offset into the clip, as a fraction of what the video says its length is.
        var (markerAt, expected) = await MarkerPositionAsync(page);
        Assert.True(Math.Abs(markerAt - expected) < 0.02, $"marker at {markerAt:P1} of the bar, the alert at {expected:P1}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToHaveAttributeAsync("href", "/api/clips/clip-early/content?download=true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Share link" }).ClickAsync();
        await Expect(page.Locator("#share-url")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("X-Amz-Signature="));
        await Expect(page.Locator(".share-panel")).ToContainTextAsync("Anyone with the link can watch the clip until");
        await ScreenshotAsync(page, "player");

        await page.GetByRole(AriaRole.Button, new() { Name = "Previous event" }).ClickAsync();
        await Expect(video).ToHaveAttributeAsync("src", "/api/clips/clip-late/content?proxy=true");
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('clip-video'); return v?.readyState >= 1 && Math.abs(v.currentTime - 1) < 0.3; }");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous event" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next event" }).ClickAsync();
        await Expect(video).ToHaveAttributeAsync("src", "/api/clips/clip-early/content?proxy=true");
        await Expect(early).ToHaveAttributeAsync("aria-current", "true");

        await early.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }).ClickAsync();
        await Expect(early).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\breviewed\b"));
        await Expect(early.GetByRole(AriaRole.Button, new() { Name = "✓ Reviewed" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator(".player-review").GetByRole(AriaRole.Button)).ToHaveTextAsync("✓ Reviewed");
        await page.GetByLabel("Review", new() { Exact = true }).SelectOptionAsync("false");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.Locator(".timeline:not(.live) li[data-event-id='alert-late']")).ToBeVisibleAsync();
        await Expect(early).ToHaveCountAsync(0);

        // A link names the filters; on a phone they start folded.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/#/events?reviewed=false");
        await Expect(page.Locator(".timeline:not(.live) li[data-event-id='alert-late']")).ToBeVisibleAsync();
        await Expect(early).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Review", new() { Exact = true })).ToBeHiddenAsync();
        await ScreenshotAsync(page, "timeline-phone");
        await page.Locator(".timeline:not(.live) li[data-event-id='alert-late'] button.timeline-thumb").ClickAsync();
        await Expect(video).ToHaveAttributeAsync("src", "/api/clips/clip-late/content?proxy=true");
        await ScreenshotAsync(page, "player-phone");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the phone layout scrolls sideways");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark all shown reviewed" }).ClickAsync();
        await Expect(page.Locator(".timeline:not(.live) li[data-event-id='alert-late']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\breviewed\b"));
        await page.GotoAsync("/#/events?reviewed=false&severity=warning");
        await Expect(page.Locator(".timeline:not(.live) .empty")).ToHaveTextAsync("No events match.");
        Assert.Empty(session.PageErrors);
    }

    private static async Task<(double MarkerAt, double Expected)> MarkerPositionAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => Number.isFinite(document.getElementById('clip-video').duration)");
        var values = await page.EvaluateAsync<double[]>("""
            () => {
              const bar = document.querySelector('.scrub').getBoundingClientRect();
              const marker = document.querySelector('.scrub-marker').getBoundingClientRect();
              return [(marker.left + marker.width / 2 - bar.left) / bar.width, 2 / document.getElementById('clip-video').duration];
            }
            """);
        return (values[0], values[1]);
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        if (string.IsNullOrEmpty(ScreenshotDirectory))
        {
            return;
        }

        var size = page.ViewportSize!;
        var path = Path.Combine(ScreenshotDirectory, $"{name}-{size.Width}x{size.Height}.png");
        await page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
