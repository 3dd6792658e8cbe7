using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Grains.Interfaces.Edge;
using Platform.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The Agents view and the camera form's edge settings, against a real gateway, silo, PostgreSQL and broker.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EdgeAgentViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium, ITestOutputHelper output)
    : IAsyncLifetime
{
    private const string Password = "Pa55-never-shown";

    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true).With("Logging:LogLevel:Default", "Warning");

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        await Seed.SiteAsync(host, "site-a", "Site A");
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_admin_registers_an_agent_sees_its_config_key_once_and_not_when_opening_the_agent_again()
    {
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Agents", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Register agent" }).ClickAsync();
        var form = page.Locator("form.agent-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register agent" }).ClickAsync();
        await Expect(page.Locator("#agent-siteId-error")).ToContainTextAsync("Required");
        await form.GetByLabel("Agent id").FillAsync("gate-nuc");
        await form.GetByLabel("Site").SelectOptionAsync("site-a");
        await form.GetByLabel("Name").FillAsync("Gate house NUC");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register agent" }).ClickAsync();

        var key = await page.Locator("#agent-config-key").InputValueAsync();
        Assert.True(key.Length >= 32, $"config key '{key}'");
        var shown = page.Locator(".new-key");
        await Expect(shown).ToContainTextAsync("EdgeAgent:ConfigKey");
        await Expect(shown).ToContainTextAsync("will not be shown again");
        await Expect(shown).ToContainTextAsync("gate-nuc");
        await Expect(shown.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeVisibleAsync();
        var row = page.Locator("tr[data-agent-id='gate-nuc']");
        await Expect(row).ToContainTextAsync("Offline");
        await Expect(row).ToContainTextAsync("never reported");
        await Screenshot(page, "agent-registered-1280");

        await row.GetByRole(AriaRole.Link, new() { Name = "Open edge agent Gate house NUC" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edge agent Gate house NUC" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("It has not reported yet.");
        await Expect(page.Locator("#agent-config-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate the config key of edge agent Gate house NUC" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Confirm: rotate the config key") }).ClickAsync();
        var rotated = await page.Locator("#agent-config-key").InputValueAsync();
        Assert.NotEqual(key, rotated);
        await Expect(page.Locator(".new-key")).ToContainTextAsync("New config key");
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_camera_gets_an_agent_credentials_and_continuous_recording_and_its_badge_follows_the_agents_heartbeat()
    {
        using var api = AdminApi.Client(host);
        (await api.PostAsJsonAsync("/api/agents", new { id = "agent-a", siteId = "site-a", name = "Dock agent" })).EnsureSuccessStatusCode();
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(host.AdminKey);

        await page.GetByRole(AriaRole.Button, new() { Name = "New camera" }).ClickAsync();
        var form = page.Locator("form.camera-form");
        await form.GetByLabel("Id", new() { Exact = true }).FillAsync("cam-gate");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Gate");
        await form.GetByLabel("Site").SelectOptionAsync("site-a");
        await Expect(page.Locator("#camera-agentId option[value='agent-a']")).ToHaveCountAsync(1);
        await form.GetByLabel("Edge agent").SelectOptionAsync("agent-a");
        await form.GetByLabel("RTSP user name").FillAsync("viewer");
        await form.GetByLabel("RTSP password").FillAsync(Password);
        await form.GetByRole(AriaRole.Switch, new() { Name = "Continuous recording" }).CheckAsync();
        var save = form.GetByRole(AriaRole.Button, new() { Name = "Create camera" });

        // Credentials in the URL, then a scheme an agent cannot record: each 400 beside the source URL.
        await form.GetByLabel("Source URL").FillAsync("rtsp://viewer:secret@10.0.0.5/stream1");
        await save.ClickAsync();
        await Expect(page.Locator("#camera-sourceUrl-error")).ToContainTextAsync("not in the URL");
        await form.GetByLabel("Source URL").FillAsync("http://10.0.0.5/stream1");
        await save.ClickAsync();
        await Expect(page.Locator("#camera-sourceUrl-error")).ToContainTextAsync("rtsp://");
        await Expect(page.Locator("#camera-sourceUrl")).ToHaveAttributeAsync("aria-invalid", "true");
        await form.GetByLabel("Source URL").FillAsync("rtsp://10.0.0.5:554/stream1");
        await Screenshot(page, "camera-form-1440");
        await save.ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Camera “Gate” saved.");
        await NoPasswordIn(page);

        var camera = await ReadAsync(api, "/api/cameras/cam-gate");
        Assert.Equal("agent-a", camera.GetProperty("agentId").GetString());
        Assert.True(camera.GetProperty("continuous").GetBoolean());
        Assert.True(camera.GetProperty("hasRtspPassword").GetBoolean());
        Assert.Equal("viewer", camera.GetProperty("rtspUsername").GetString());

        // An edit that leaves the password blank keeps it.
        var row = page.Locator("tr[data-camera-id='cam-gate']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit camera Gate" }).ClickAsync();
        await Expect(form.GetByLabel("RTSP password")).ToHaveValueAsync("");
        await Expect(form.GetByLabel("RTSP password")).ToHaveAttributeAsync("placeholder", "unchanged");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Gate north");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save camera" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Camera “Gate north” saved.");
        camera = await ReadAsync(api, "/api/cameras/cam-gate");
        Assert.True(camera.GetProperty("hasRtspPassword").GetBoolean());
        Assert.Equal("Gate north", camera.GetProperty("name").GetString());

        var badge = row.Locator(".edge-state");
        await Expect(badge).ToHaveAttributeAsync("data-edge-state", "agent-never-seen");
        await Expect(badge).ToContainTextAsync("Agent never seen — Edge agent 'agent-a' has never sent a heartbeat");
        await Screenshot(page, "cameras-never-seen-1440");

        // The agent reports running the camera's configuration version, the camera connected: the poll turns the badge.
        var agent = await ReadAsync(api, "/api/agents/agent-a");
        var now = DateTimeOffset.UtcNow;
        var connected = EdgeHeartbeats.Connected("agent-a", "cam-gate", now);
        var heartbeat = connected with
        {
            ConfigVersion = agent.GetProperty("configVersion").GetInt64(),
            Cameras = [connected.Cameras[0] with { Source = EdgeCameraStatus.CloudSource, Continuous = true, UploadedThrough = now.AddSeconds(-2) }],
        };
        await host.Silo.WaitUntilAppliedAsync(host.Silo.StatusTopic, await host.Silo.ProduceHeartbeatAsync(heartbeat));
        await Expect(badge).ToHaveAttributeAsync("data-edge-state", "recording", new() { Timeout = 30_000 });
        await Expect(badge).ToContainTextAsync("Recording — Recording continuously");
        await Screenshot(page, "cameras-recording-1440");

        await page.GetByRole(AriaRole.Link, new() { Name = "Agents", Exact = true }).ClickAsync();
        var agentRow = page.Locator("tr[data-agent-id='agent-a']");
        await Expect(agentRow).ToContainTextAsync("Online");
        await Expect(agentRow).ToContainTextAsync("Applied");
        await Screenshot(page, "agents-1440");
        await agentRow.GetByRole(AriaRole.Link, new() { Name = "Open edge agent Dock agent" }).ClickAsync();
        var reported = page.Locator("tr[data-camera-id='cam-gate']");
        await Expect(reported).ToContainTextAsync("Gate north");
        await Expect(reported).ToContainTextAsync("Connected");
        await Expect(reported).ToContainTextAsync("Yes, uploaded through");
        await Screenshot(page, "agent-detail-1440");

        // A camera still names the agent: the 409's reason is shown and the agent stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete edge agent Dock agent" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: delete edge agent Dock agent" }).ClickAsync();
        await Expect(page.Locator(".notice-area")).ToContainTextAsync("Cameras still name edge agent 'agent-a'");

        await page.SetViewportSizeAsync(390, 844);
        await Screenshot(page, "agent-detail-390");
        await page.GotoAsync("/#/agents");
        await Expect(agentRow).ToBeVisibleAsync();
        await Screenshot(page, "agents-390");
        await page.GotoAsync("/#/cameras");
        await Expect(badge).ToHaveAttributeAsync("data-edge-state", "recording");
        await Screenshot(page, "cameras-390");
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit camera Gate north" }).ClickAsync();
        await page.Locator("details.camera-advanced > summary").ClickAsync();
        await Screenshot(page, "camera-form-390");

        foreach (var path in new[] { "/api/cameras/cam-gate", "/api/cameras?siteId=site-a", "/api/cameras/cam-gate/edge", "/api/agents", "/api/agents/agent-a" })
        {
            Assert.DoesNotContain(Password, await api.GetStringAsync(path), StringComparison.Ordinal);
        }

        await NoPasswordIn(page);
        Assert.Empty(session.PageErrors);
    }

    /// <summary>Neither the page's HTML nor any input's value holds the RTSP password.</summary>
    private static async Task NoPasswordIn(IPage page)
    {
        Assert.DoesNotContain(Password, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.False(await page.EvaluateAsync<bool>("p => [...document.querySelectorAll('input')].some(i => i.value.includes(p))", Password));
    }

    private static async Task<JsonElement> ReadAsync(HttpClient api, string path) =>
        JsonDocument.Parse(await api.GetStringAsync(path)).RootElement.Clone();

    private async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
