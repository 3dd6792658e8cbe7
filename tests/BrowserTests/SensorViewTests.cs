using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SensorViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Zone = """[{"id": "door", "name": "Door", "polygon": [{"x": 100, "y": 100}, {"x": X, "y": 100}, {"x": 600, "y": 700}]}]""";

    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        .With("Logging:LogLevel:Default", "Warning");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_a_sensor_with_a_frame_and_a_zone_sees_the_gateways_message_beside_zones_edits_and_deletes_it()
    {
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.CameraAsync(host, "cam-a", "site-a", "Front door camera");
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/sensors", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref posts);
            }
        };
        await session.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sensors", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New sensor" }).ClickAsync();

        var form = page.Locator("form.sensor-form");
        await Expect(form.GetByLabel("Frame width")).ToHaveValueAsync("1920");
        await Expect(form.GetByLabel("Frame height")).ToHaveValueAsync("1080");
        await form.GetByLabel("Id", new() { Exact = true }).FillAsync("door-1");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Door");
        await form.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync("site-a");
        await form.GetByLabel("Camera").SelectOptionAsync("cam-a");
        await form.GetByLabel("Frame width").FillAsync("1280");
        await form.GetByLabel("Frame height").FillAsync("720");

        // JSON that does not parse is reported beside its field, and nothing is sent.
        await form.GetByLabel("Zones").FillAsync(Zone.Replace("X", "1200", StringComparison.Ordinal));
        await form.GetByLabel("Lines").FillAsync("[{\"id\": ");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create sensor" }).ClickAsync();
        await Expect(page.Locator("#sensor-lines-error")).ToContainTextAsync("Not valid JSON");
        await Expect(form.GetByLabel("Lines")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, Volatile.Read(ref posts));

        // A zone point outside the 1280×720 frame: the gateway's message, naming the point, beside Zones.
        await form.GetByLabel("Lines").FillAsync("[]");
        await form.GetByLabel("Zones").FillAsync(Zone.Replace("X", "99999", StringComparison.Ordinal));
        var response = await page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Create sensor" }).ClickAsync(),
            r => r.Url.EndsWith("/api/sensors", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(400, response.Status);
        await Expect(page.Locator("#sensor-zones-error")).ToContainTextAsync("[0].polygon[1]: (99999, 100) is outside the sensor's 1280×720 frame");
        await Expect(form.GetByLabel("Zones")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.GetByLabel("Lines")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#sensor-lines-error")).ToBeEmptyAsync();
        await Expect(form.Locator(".error-summary")).ToContainTextAsync("Zones ([0].polygon[1]): (99999, 100) is outside");

        await form.GetByLabel("Zones").FillAsync(Zone.Replace("X", "1200", StringComparison.Ordinal));
        await form.GetByRole(AriaRole.Button, new() { Name = "Create sensor" }).ClickAsync();
        var row = page.Locator("tr[data-sensor-id='door-1']");
        await Expect(row).ToContainTextAsync("1280 × 720");
        await Expect(row.Locator("td[data-label='Camera']")).ToHaveTextAsync("Front door camera");
        await Expect(row.Locator("td[data-label='Zones']")).ToHaveTextAsync("1");
        await Expect(row.Locator("td[data-label='Lines']")).ToHaveTextAsync("0");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Sensor “Door” saved.");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit sensor Door" }).ClickAsync();
        await Expect(form.GetByLabel("Id", new() { Exact = true })).ToHaveJSPropertyAsync("readOnly", true);
        await Expect(form.GetByLabel("Camera")).ToHaveValueAsync("cam-a");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Back door");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save sensor" }).ClickAsync();
        await Expect(row.Locator("th")).ToContainTextAsync("Back door");

        using var api = new HttpClient { BaseAddress = host.BaseUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", host.AdminKey);
        using (var saved = JsonDocument.Parse(await api.GetStringAsync("/api/sensors/door-1")))
        {
            var sensor = saved.RootElement;
            Assert.Equal("Back door", sensor.GetProperty("name").GetString());
            Assert.Equal("site-a", sensor.GetProperty("siteId").GetString());
            Assert.Equal("cam-a", sensor.GetProperty("cameraId").GetString());
            Assert.Equal(1280, sensor.GetProperty("frameWidth").GetInt32());
            Assert.Equal(720, sensor.GetProperty("frameHeight").GetInt32());
            Assert.Equal(1200, sensor.GetProperty("zones")[0].GetProperty("polygon")[1].GetProperty("x").GetDouble());
        }

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete sensor Back door" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync(); // the first click only asks
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm: delete sensor Back door" }).ClickAsync();
        await Expect(page.Locator("tr[data-sensor-id='door-1']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Sensor “Back door” deleted.");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/sensors/door-1")).StatusCode);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task On_a_phone_the_sensor_list_and_editor_fit_the_width()
    {
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.SensorAsync(host, "loading-dock-north-entrance", "site-a", "Loading dock north entrance");
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync(host.AdminKey);
        await page.GotoAsync("/#/sensors");

        var row = page.Locator("tr[data-sensor-id='loading-dock-north-entrance']");
        await Expect(row.Locator("td[data-label='Frame']")).ToHaveTextAsync("1920 × 1080");
        await AssertFitsAsync(page, "the list");
        var delete = await row.GetByRole(AriaRole.Button, new() { Name = "Delete sensor Loading dock north entrance" }).BoundingBoxAsync();
        Assert.True(delete is not null && delete.X + delete.Width <= 390, "the row's Delete is off screen");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit sensor Loading dock north entrance" }).ClickAsync();
        await Expect(page.Locator("form.sensor-form")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "the editor");
        Assert.Empty(session.PageErrors);
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var (scrollWidth, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        var wide = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)"
            + ".map(e => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 5)");
        Assert.True(scrollWidth <= width, $"{what} is {scrollWidth} px wide in a {width} px window: {string.Join(", ", wide)}");
    }
}
