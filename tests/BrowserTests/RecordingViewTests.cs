using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RecordingViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        .With("Logging:LogLevel:Default", "Warning");

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.SiteAsync(host, "site-b", "Site B");
        await Seed.CameraAsync(host, "cam-dock", "site-a", "Loading dock");
        await Seed.CameraAsync(host, "cam-gate", "site-a", "Gate");
        await Seed.CameraAsync(host, "cam-yard", "site-b", "Yard");
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Sessions_of_the_site_are_listed_filtered_by_camera_and_state_and_an_open_one_is_stopped()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await Seed.RecordingAsync(host, "ses-gate", "cam-gate", "closed", start, "door-rule");
        await Seed.RecordingAsync(host, "ses-yard", "cam-yard", "closed", start.AddMinutes(1), null);
        // Opened by the camera grain itself, so that the stop finds it open.
        using var api = AdminApi.Client(host);
        var started = await (await api.PostAsJsonAsync("/api/cameras/cam-dock/recordings", new { durationSeconds = 600 })).Content.ReadFromJsonAsync<JsonElement>();
        var open = started.GetProperty("sessionId").GetString()!;
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        await page.GetByLabel("Site").SelectOptionAsync("site-a");
        await page.GetByRole(AriaRole.Link, new() { Name = "Recordings", Exact = true }).ClickAsync();

        var rows = page.Locator("tr[data-session-id]");
        await Expect(rows).ToHaveCountAsync(2);
        var gate = page.Locator("tr[data-session-id='ses-gate']");
        await Expect(gate.Locator("th")).ToHaveTextAsync("Gate");
        await Expect(gate.Locator("td[data-label='Rule']")).ToHaveTextAsync("door-rule");
        await Expect(gate.Locator("td[data-label='State']")).ToHaveTextAsync("closed");
        await Expect(gate.GetByRole(AriaRole.Link, new() { Name = "Play clip" })).ToHaveAttributeAsync("href", "#/clips?sessionId=ses-gate");
        await Expect(gate.GetByRole(AriaRole.Button, new() { NameRegex = new("^Stop") })).ToHaveCountAsync(0);
        var dock = page.Locator($"tr[data-session-id='{open}']");
        await Expect(dock.Locator("td[data-label='State']")).ToHaveTextAsync("open");
        await Expect(dock.Locator("td[data-label='Rule']")).ToContainTextAsync("manual");

        await page.GetByLabel("State").SelectOptionAsync("open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await page.GetByLabel("State").SelectOptionAsync("");
        await page.Locator("#recordings-camera").SelectOptionAsync("cam-gate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(gate).ToBeVisibleAsync();

        await page.Locator("#recordings-camera").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await dock.GetByRole(AriaRole.Button, new() { Name = "Stop the recording on Loading dock" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Recording on Loading dock stopped.");
        await Expect(dock.Locator("td[data-label='Ended']")).ToBeVisibleAsync();
        await Expect(dock.Locator("td[data-label='State']")).ToHaveTextAsync("closed");
        Assert.Equal("closed", (await api.GetFromJsonAsync<JsonElement>($"/api/recordings/{open}")).GetProperty("status").GetString());
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task On_a_phone_each_session_is_a_card_that_fits_the_width()
    {
        await Seed.RecordingAsync(host, "ses-gate", "cam-gate", "open", DateTimeOffset.UtcNow.AddMinutes(-1), "a-rule-with-a-rather-long-identifier");
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync(host.AdminKey);
        await page.GotoAsync("/#/recordings");

        var row = page.Locator("tr[data-session-id='ses-gate']");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Stop the recording on Gate" })).ToBeVisibleAsync();
        Assert.Equal("block", await row.EvaluateAsync<string>("r => getComputedStyle(r).display"));
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the recordings are {scrollWidth} px wide in a 390 px window");
        Assert.Empty(session.PageErrors);
    }
}
