using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>At 390×844 (a phone) every view fits the width: tables are cards, the header is two rows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true).With("Logging:LogLevel:Default", "Warning");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task No_view_scrolls_sideways_and_each_rows_actions_are_on_screen()
    {
        await Seed.SiteAsync(host, "site-a", "A site with a rather long name for a phone");
        await Seed.CameraAsync(host, "cam-a", "site-a", "Loading dock north entrance camera");
        await Seed.SensorAsync(host, "door-a", "site-a", "Door A");
        await Seed.RuleAsync(host, "rule-a", "Entry at the loading dock north entrance", "door-a");
        await Seed.AgentAsync(host, "agent-a", "site-a", "Edge agent in the loading dock north cabinet");
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync(host.AdminKey);

        (string Route, string Ready)[] views =
        [
            ("cameras", "tr[data-camera-id='cam-a']"), ("rules", "tr[data-rule-id='rule-a']"), ("keys", "tr[data-key-id]"),
            ("sensors", "tr[data-sensor-id='door-a']"), ("sites", "tr[data-site-id='site-a']"), ("agents", "tr[data-agent-id='agent-a']"),
            ("agents?agentId=agent-a", "dl.agent-facts"), ("continuous?cameraId=cam-a", "#continuous-from"),
        ];
        foreach (var (route, ready) in views)
        {
            await page.GotoAsync($"/#/{route}");
            await Expect(page.Locator(ready).First).ToBeVisibleAsync();

            var width = await FitsTheWidthAsync(page, $"#{route}");
            var button = page.Locator(ready).First.GetByRole(AriaRole.Button).Last;
            if (await button.CountAsync() > 0)
            {
                var box = await button.BoundingBoxAsync();
                Assert.True(box is not null && box.X + box.Width <= width, $"#{route}: the row's last action is off screen");
            }

            var header = await page.Locator("#topbar").BoundingBoxAsync();
            Assert.True(header!.Height <= 110, $"#{route}: the header is {header.Height} px high");
        }

        // The camera form, its advanced recorder settings unfolded.
        await page.GotoAsync("/#/cameras");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit camera Loading dock north entrance camera" }).ClickAsync();
        await page.Locator("details.camera-advanced > summary").ClickAsync();
        await Expect(page.Locator("#camera-continuousRetentionBytes")).ToBeVisibleAsync();
        await FitsTheWidthAsync(page, "the camera form");
        Assert.Empty(session.PageErrors);
    }

    /// <summary>Asserts nothing on the page reaches past the window's right edge; returns the window's width.</summary>
    private static async Task<int> FitsTheWidthAsync(IPage page, string what)
    {
        var (scrollWidth, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        var wide = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)"
            + ".map(e => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 5)");
        Assert.True(scrollWidth <= width, $"{what} is {scrollWidth} px wide in a {width} px window: {string.Join(", ", wide)}");
        return width;
    }
}
