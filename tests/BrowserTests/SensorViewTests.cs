using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SensorViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        .With("Logging:LogLevel:Default", "Warning");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_a_sensor_with_a_zone_from_the_keyboard_sees_the_gateways_message_beside_zones_edits_and_deletes_it()
    {
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.CameraAsync(host, "cam-a", "site-a", "Front door camera");
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sensors", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New sensor" }).ClickAsync();

        var form = page.Locator("form.sensor-form");
        await Expect(form.GetByLabel("Frame width")).ToHaveValueAsync("1920");
        await Expect(form.GetByLabel("Frame height")).ToHaveValueAsync("1080");
        await Expect(form.Locator(".frame-note")).ToHaveTextAsync("No camera chosen: zones are drawn on an empty frame.");
        await form.GetByLabel("Id", new() { Exact = true }).FillAsync("door-1");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Door");
        await form.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync("site-a");
        await form.GetByLabel("Camera").SelectOptionAsync("cam-a");
        await Expect(form.Locator(".frame-note")).ToHaveTextAsync("This camera has no clip with a thumbnail yet: zones are drawn on an empty frame.");

        // Without the mouse: a default zone over the middle of the 1920×1080 frame, renamed in the list.
        await form.GetByRole(AriaRole.Button, new() { Name = "Add zone" }).ClickAsync();
        await form.GetByLabel("Zone 1 name").FillAsync("Door");
        await form.GetByLabel("Zone 1 id").FillAsync("door");
        await Expect(form.GetByLabel("Zone 1 point 2 x")).ToHaveValueAsync("1440");

        // A smaller frame leaves the points where they are; the gateway names the ones now outside it, beside Zones.
        await form.GetByLabel("Frame width").FillAsync("1280");
        await form.GetByLabel("Frame height").FillAsync("720");
        var response = await page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Create sensor" }).ClickAsync(),
            r => r.Url.EndsWith("/api/sensors", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(400, response.Status);
        await Expect(page.Locator("#sensor-zones-error")).ToContainTextAsync("[0].polygon[1]: (1440, 270) is outside the sensor's 1280×720 frame");
        await Expect(page.Locator("#sensor-zones")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#sensor-lines")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#sensor-lines-error")).ToBeEmptyAsync();
        await Expect(form.Locator(".error-summary")).ToContainTextAsync("Zones ([0].polygon[1]): (1440, 270) is outside");
        // The editor marks the very point the message names (the table counts from 1), and only the points named.
        await Expect(form.GetByLabel("Zone 1 point 2 x")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.GetByLabel("Zone 1 point 1 x")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // Typed points are clamped to the frame: 5000 becomes 1280.
        await form.GetByLabel("Zone 1 point 2 x").FillAsync("1200");
        await form.GetByLabel("Zone 1 point 3 x").FillAsync("5000");
        await form.GetByLabel("Zone 1 point 3 y").FillAsync("700");
        await form.GetByLabel("Zone 1 point 4 y").FillAsync("700");
        await form.GetByLabel("Zone 1 point 4 y").BlurAsync();
        await Expect(form.GetByLabel("Zone 1 point 3 x")).ToHaveValueAsync("1280");
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

        using var api = AdminApi.Client(host);
        using (var saved = JsonDocument.Parse(await api.GetStringAsync("/api/sensors/door-1")))
        {
            var sensor = saved.RootElement;
            Assert.Equal("Back door", sensor.GetProperty("name").GetString());
            Assert.Equal("site-a", sensor.GetProperty("siteId").GetString());
            Assert.Equal("cam-a", sensor.GetProperty("cameraId").GetString());
            Assert.Equal(1280, sensor.GetProperty("frameWidth").GetInt32());
            Assert.Equal(720, sensor.GetProperty("frameHeight").GetInt32());
            var zone = sensor.GetProperty("zones")[0];
            Assert.Equal(("door", "Door"), (zone.GetProperty("id").GetString(), zone.GetProperty("name").GetString()));
            AssertNear([(480, 270), (1200, 270), (1280, 700), (480, 700)], Points(zone.GetProperty("polygon")));
        }

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete sensor Back door" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync(); // the first click only asks
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm: delete sensor Back door" }).ClickAsync();
        await Expect(page.Locator("tr[data-sensor-id='door-1']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Sensor “Back door” deleted.");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/sensors/door-1")).StatusCode);
        Assert.Empty(session.PageErrors);
    }

    [Theory]
    [InlineData(1920, 1080, false)]
    [InlineData(1280, 720, true)]
    public async Task Four_clicks_draw_a_zone_and_two_a_line_on_the_cameras_newest_thumbnail_and_save_in_frame_pixels(int width, int height, bool closeOnFirstPoint)
    {
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.CameraAsync(host, "cam-a", "site-a", "Front door camera");
        var clips = new ClipStore(host);
        await clips.UploadAsync(new TestClip("clip-old", "cam-a", DateTimeOffset.UtcNow.AddHours(-2)), await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        await clips.UploadAsync(new TestClip("clip-new", "cam-a", DateTimeOffset.UtcNow.AddMinutes(-5)), await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        using var api = AdminApi.Client(host);
        await CreateSensorAsync(api, "door-1", "cam-a", width, height, []);
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        var form = await EditDoorAsync(session);
        var picture = form.Locator("img.frame-picture");
        await Expect(picture).ToHaveAttributeAsync("src", "/api/clips/clip-new/thumbnail");
        // Decoded: the redirect to the object store passed the page's CSP.
        await Expect(picture).ToHaveJSPropertyAsync("naturalWidth", SampleMedia.Width);
        await Expect(form.Locator(".frame-note")).ToContainTextAsync("thumbnail of the camera's newest clip");
        // Mouse positions are in the viewport: the whole picture must be on screen.
        await form.Locator(".zone-editor").ScrollIntoViewIfNeededAsync();
        var box = (await picture.BoundingBoxAsync())!;
        // The picture is stretched to a box of the frame's aspect ratio, whatever the thumbnail's own.
        Assert.InRange(box.Width / box.Height, (width / (double)height) - 0.01, (width / (double)height) + 0.01);

        await form.GetByRole(AriaRole.Button, new() { Name = "Draw zone" }).ClickAsync();
        var zone = new List<(double X, double Y)>();
        foreach (var (fx, fy) in new[] { (0.2, 0.3), (0.7, 0.25), (0.8, 0.8), (0.1, 0.75) })
        {
            zone.Add(await ClickAsync(page, box, fx, fy));
        }

        if (closeOnFirstPoint)
        {
            await ClickAsync(page, box, 0.2, 0.3);
        }
        else
        {
            await form.GetByRole(AriaRole.Button, new() { Name = "Finish zone" }).ClickAsync();
        }

        await Expect(form.GetByLabel("Zone 1 name")).ToHaveValueAsync("Zone 1");
        await form.GetByLabel("Zone 1 name").FillAsync("Doorway");
        await form.GetByRole(AriaRole.Button, new() { Name = "Draw line" }).ClickAsync();
        var a = await ClickAsync(page, box, 0.1, 0.5);
        var b = await ClickAsync(page, box, 0.9, 0.55);
        // A left-to-right line's a-to-b crossing goes down the picture (CrossingDirection: A→B turned clockwise).
        var arrow = form.Locator(".crossing-arrow line");
        Assert.True(await arrow.EvaluateAsync<bool>("l => l.y2.baseVal.value > l.y1.baseVal.value"), "the a-to-b arrow should point down");

        await form.GetByRole(AriaRole.Button, new() { Name = "Save sensor" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Sensor “Door” saved.");
        using var saved = JsonDocument.Parse(await api.GetStringAsync("/api/sensors/door-1"));
        var savedZone = saved.RootElement.GetProperty("zones")[0];
        Assert.Equal(("zone-1", "Doorway"), (savedZone.GetProperty("id").GetString(), savedZone.GetProperty("name").GetString()));
        AssertNear([.. zone.Select(p => ToFrame(p, box, width, height))], Points(savedZone.GetProperty("polygon")));
        var line = saved.RootElement.GetProperty("lines")[0];
        Assert.Equal("line-1", line.GetProperty("id").GetString());
        AssertNear([ToFrame(a, box, width, height), ToFrame(b, box, width, height)], Points(line, "a", "b"));
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Dragging_a_point_of_a_saved_zone_moves_it_and_the_frame_edge_stops_it()
    {
        await Seed.SiteAsync(host, "site-a", "Site A");
        using var api = AdminApi.Client(host);
        await CreateSensorAsync(api, "door-1", null, 1280, 720,
            [new { id = "door", name = "Door", polygon = new[] { new { x = 100, y = 100 }, new { x = 600, y = 100 }, new { x = 600, y = 500 }, new { x = 100, y = 500 } } }]);
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        var form = await EditDoorAsync(session);
        await Expect(form.Locator(".frame-note")).ToHaveTextAsync("No camera chosen: zones are drawn on an empty frame.");
        await form.Locator(".zone-editor").ScrollIntoViewIfNeededAsync();
        var box = (await form.Locator("svg.frame-shapes").BoundingBoxAsync())!;
        var corner = await CentreAsync(form.Locator("circle.handle[data-kind='zones'][data-point='2']"));
        // Drawn where (600, 500) of the 1280×720 frame is on screen.
        Assert.InRange(corner.X, box.X + (600 / 1280.0 * box.Width) - 1, box.X + (600 / 1280.0 * box.Width) + 1);
        Assert.InRange(corner.Y, box.Y + (500 / 720.0 * box.Height) - 1, box.Y + (500 / 720.0 * box.Height) + 1);

        // Escape leaves drawing mode, which hides the Draw buttons: the surface holds the focus meanwhile.
        await form.GetByRole(AriaRole.Button, new() { Name = "Draw line" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "Draw line" })).ToBeVisibleAsync();

        var target = (X: Math.Round(box.X + (0.9 * box.Width)), Y: Math.Round(box.Y + (0.85 * box.Height)));
        await DragAsync(page, corner, target);
        // Past the frame's top-left corner: the point stops at (0, 0).
        await DragAsync(page, await CentreAsync(form.Locator("circle.handle[data-kind='zones'][data-point='0']")), (box.X - 40, box.Y - 40));
        await Expect(form.GetByLabel("Zone 1 point 1 x")).ToHaveValueAsync("0");

        await form.GetByRole(AriaRole.Button, new() { Name = "Save sensor" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Sensor “Door” saved.");
        using var saved = JsonDocument.Parse(await api.GetStringAsync("/api/sensors/door-1"));
        var polygon = Points(saved.RootElement.GetProperty("zones")[0].GetProperty("polygon"));
        AssertNear([(0, 0), (600, 100), ToFrame(target, box, 1280, 720), (100, 500)], polygon);
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
        // A new zone opens its table of points, the widest part of the editor.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add zone" }).ClickAsync();
        await Expect(page.GetByLabel("Zone 1 point 4 y")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "the table of a zone's points");
        var remove = await page.GetByRole(AriaRole.Button, new() { Name = "Remove point 4 of zone 1" }).BoundingBoxAsync();
        var item = await page.Locator("li.shape-item").BoundingBoxAsync();
        Assert.True(remove!.X + remove.Width <= item!.X + item.Width, "the point table's last button sticks out of its zone");
        Assert.Empty(session.PageErrors);
    }

    /// <summary>Signs in and opens the editor of the sensor named Door.</summary>
    private async Task<ILocator> EditDoorAsync(BrowserSession session)
    {
        await session.SignInAsync(host.AdminKey);
        await session.Page.GotoAsync("/#/sensors");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Edit sensor Door" }).ClickAsync();
        return session.Page.Locator("form.sensor-form");
    }

    private static (double X, double Y)[] Points(JsonElement points) => [.. points.EnumerateArray().Select(Point)];

    private static (double X, double Y)[] Points(JsonElement line, params string[] ends) => [.. ends.Select(end => Point(line.GetProperty(end)))];

    private static (double X, double Y) Point(JsonElement p) => (p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble());

    /// <summary>Where a screen point lands in the frame, the picture's box being the whole frame.</summary>
    private static (double X, double Y) ToFrame((double X, double Y) screen, LocatorBoundingBoxResult box, int width, int height) =>
        ((screen.X - box.X) / box.Width * width, (screen.Y - box.Y) / box.Height * height);

    /// <summary>Equal within the editor's rounding to whole frame pixels.</summary>
    private static void AssertNear((double X, double Y)[] expected, (double X, double Y)[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i].X - actual[i].X) <= 1 && Math.Abs(expected[i].Y - actual[i].Y) <= 1, $"point {i}: expected {expected[i]}, saved {actual[i]}");
        }
    }

    /// <summary>Clicks at a fraction of the box, on a whole screen pixel; returns where.</summary>
    private static async Task<(double X, double Y)> ClickAsync(IPage page, LocatorBoundingBoxResult box, double fx, double fy)
    {
        var (x, y) = (Math.Round(box.X + (fx * box.Width)), Math.Round(box.Y + (fy * box.Height)));
        await page.Mouse.ClickAsync((float)x, (float)y);
        return (x, y);
    }

    private static async Task<(double X, double Y)> CentreAsync(ILocator locator)
    {
        var box = (await locator.BoundingBoxAsync())!;
        return (box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }

    private static async Task DragAsync(IPage page, (double X, double Y) from, (double X, double Y) to)
    {
        await page.Mouse.MoveAsync((float)from.X, (float)from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)to.X, (float)to.Y, new() { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    private static async Task CreateSensorAsync(HttpClient api, string id, string? cameraId, int width, int height, object[] zones) =>
        (await api.PostAsJsonAsync("/api/sensors", new { id, name = "Door", siteId = "site-a", cameraId, frameWidth = width, frameHeight = height, zones, lines = Array.Empty<object>() }))
            .EnsureSuccessStatusCode();

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var (scrollWidth, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        var wide = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)"
            + ".map(e => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 5)");
        Assert.True(scrollWidth <= width, $"{what} is {scrollWidth} px wide in a {width} px window: {string.Join(", ", wide)}");
    }
}
