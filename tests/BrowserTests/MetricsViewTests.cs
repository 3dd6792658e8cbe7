using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// The metrics view draws what the sensor grains counted (rows written as they write them): per zone entries, exits and
/// the most present, per line crossings each way, in local hours of the browser's time zone, with the same numbers in
/// a table and in the CSV download.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MetricsViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private const string TimeZone = "Europe/Berlin";
    private const string Zones = """[{"id": "door", "name": "Front door", "polygon": [{"x": 0, "y": 0}, {"x": 100, "y": 0}, {"x": 100, "y": 100}]}]""";
    private const string Lines = """[{"id": "gate", "name": "Gate", "a": {"x": 0, "y": 50}, "b": {"x": 100, "y": 50}}]""";

    // 09:00 to 12:00 in Berlin (UTC+1 in March before the change): three hour buckets.
    private static readonly DateTimeOffset From = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(3);

    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true).With("Logging:LogLevel:Default", "Warning");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Counts_of_a_custom_range_show_per_local_hour_for_each_zone_and_line_and_download_as_the_same_csv()
    {
        await SeedScenarioAsync();
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!, TimeZone);
        var page = session.Page;
        var trafficUrls = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/metrics/traffic", StringComparison.Ordinal))
            {
                lock (trafficUrls) { trafficUrls.Add(request.Url); }
            }
        };
        await session.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Metrics", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Sensor")).ToHaveValueAsync("door-a");

        await page.GetByLabel("Range").SelectOptionAsync("custom");
        await page.GetByLabel("From").FillAsync("2026-03-02T09:00");
        await page.GetByLabel("To").FillAsync("2026-03-02T12:00");
        await page.GetByLabel("Interval").SelectOptionAsync("1h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        var door = page.Locator("section.metrics-zone[data-zone-id='door']");
        var gate = page.Locator("section.metrics-zone[data-zone-id='gate']");
        await Expect(door.Locator(".metrics-table tbody tr")).ToHaveCountAsync(3);
        Assert.Equal([["5", "1", "2"], ["0", "0", "0"], ["0", "4", "3"]], await RowsAsync(door));
        Assert.Equal([["0", "0"], ["5", "2"], ["0", "0"]], await RowsAsync(gate));
        Assert.Equal(["2026-03-02T08:00:00.000Z", "2026-03-02T09:00:00.000Z", "2026-03-02T10:00:00.000Z"],
            await door.Locator(".metrics-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.start)"));
        await Expect(door.Locator("h2")).ToContainTextAsync("Front door");
        await Expect(gate.Locator(".metrics-table thead")).ToContainTextAsync("A → B");
        // Zones get the entries/exits chart and the most-present one, lines the crossings chart only; each is drawn.
        await Expect(door.Locator(".chart canvas")).ToHaveCountAsync(2);
        await Expect(gate.Locator(".chart canvas")).ToHaveCountAsync(1);
        Assert.True(await door.Locator(".chart canvas").First.EvaluateAsync<bool>("c => c.width > 300 && c.height > 100"), "the chart is not drawn");
        string last;
        lock (trafficUrls) { last = trafficUrls[^1]; }
        Assert.Contains("tz=Europe%2FBerlin", last, StringComparison.Ordinal);
        Assert.Contains("bucket=1h", last, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Equal(
            """
            sensor,zone,kind,class,start,end,time_zone,entries,exits,max_present
            door-a,door,zone,,2026-03-02T09:00:00+01:00,2026-03-02T10:00:00+01:00,Europe/Berlin,5,1,2
            door-a,door,zone,,2026-03-02T10:00:00+01:00,2026-03-02T11:00:00+01:00,Europe/Berlin,0,0,0
            door-a,door,zone,,2026-03-02T11:00:00+01:00,2026-03-02T12:00:00+01:00,Europe/Berlin,0,4,3
            door-a,gate,line,,2026-03-02T09:00:00+01:00,2026-03-02T10:00:00+01:00,Europe/Berlin,0,0,
            door-a,gate,line,,2026-03-02T10:00:00+01:00,2026-03-02T11:00:00+01:00,Europe/Berlin,5,2,
            door-a,gate,line,,2026-03-02T11:00:00+01:00,2026-03-02T12:00:00+01:00,Europe/Berlin,0,0,

            """.ReplaceLineEndings("\r\n"),
            csv);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        // One class and one zone: the request narrows, and so do the table and the file.
        await page.GetByLabel("Class").FillAsync("person");
        await page.GetByLabel("Zone or line").SelectOptionAsync("door");
        await Expect(gate).ToHaveCountAsync(0);
        await Expect(door.Locator(".metrics-table tbody tr").First.Locator("td").First).ToHaveTextAsync("3");
        Assert.Equal([["3", "1", "2"], ["0", "0", "0"], ["0", "4", "3"]], await RowsAsync(door));
        download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("door-a,door,zone,person,2026-03-02T09:00:00+01:00,2026-03-02T10:00:00+01:00,Europe/Berlin,3,1,2", lines[1]);
        Assert.Equal(4, lines.Length);

        // The choices are in the address: a reload shows the same.
        await page.ReloadAsync();
        await Expect(door.Locator(".metrics-table tbody tr").First.Locator("td").First).ToHaveTextAsync("3");
        await Expect(page.GetByLabel("Class")).ToHaveValueAsync("person");
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_site_without_sensors_a_range_without_counts_and_a_refused_range_each_say_so()
    {
        await Seed.SiteAsync(host, "site-empty", "Empty site");
        await SeedScenarioAsync();
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!, TimeZone);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);

        await page.GotoAsync("/#/metrics");
        await page.Locator("#site-filter").SelectOptionAsync("site-empty");
        await Expect(page.Locator(".metrics-results")).ToContainTextAsync("This site has no sensors yet");

        await page.Locator("#site-filter").SelectOptionAsync("site-a");
        await page.GotoAsync("/#/metrics?sensor=door-a&range=custom&from=2025-01-01T10:00:00Z&to=2025-01-01T12:00:00Z&bucket=1h");
        await Expect(page.Locator(".metrics-results")).ToHaveTextAsync("Nothing was counted in this range.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" })).ToBeDisabledAsync();

        // The gateway refuses 'from' after 'to': its ProblemDetails, field by field.
        await page.GetByLabel("From").FillAsync("2025-01-02T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var problem = page.Locator(".metrics-results .problem");
        await Expect(problem).ToContainTextAsync("The metrics could not be loaded");
        await Expect(problem).ToContainTextAsync("Must be before 'to'.");
        await Expect(problem).ToContainTextAsync("HTTP 400");
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task On_a_phone_the_charts_and_numbers_fit_the_width()
    {
        await SeedScenarioAsync();
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!, TimeZone);
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync(host.AdminKey);
        await page.GotoAsync($"/#/metrics?sensor=door-a&range=custom&from={Uri.EscapeDataString(From.ToString("O"))}&to={Uri.EscapeDataString(To.ToString("O"))}&bucket=15m");

        var door = page.Locator("section.metrics-zone[data-zone-id='door']");
        await Expect(door.Locator(".chart canvas")).ToHaveCountAsync(2);
        await door.Locator("summary").ClickAsync();
        await Expect(door.Locator(".metrics-table tbody tr")).ToHaveCountAsync(12);

        var (scrollWidth, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        var wide = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)"
            + ".map(e => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 5)");
        Assert.True(scrollWidth <= width, $"the metrics view is {scrollWidth} px wide in a {width} px window: {string.Join(", ", wide)}");
        var chart = await door.Locator(".chart").First.BoundingBoxAsync();
        Assert.True(chart is not null && chart.Width > 250 && chart.X + chart.Width <= width, $"the chart is {chart?.Width} px wide at x {chart?.X}");

        Assert.Empty(session.PageErrors);
    }

    private async Task SeedScenarioAsync()
    {
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.SensorAsync(host, "door-a", "site-a", "Door A", Zones, Lines);
        await Seed.CountAsync(host, "door-a", "door", "person", From.AddMinutes(5), entries: 3, exits: 1, maxPresent: 2);
        await Seed.CountAsync(host, "door-a", "door", "car", From.AddMinutes(40), entries: 2, exits: 0, maxPresent: 1);
        await Seed.CountAsync(host, "door-a", "door", "person", From.AddHours(2).AddMinutes(10), entries: 0, exits: 4, maxPresent: 3);
        await Seed.CountAsync(host, "door-a", "gate", "person", From.AddHours(1).AddMinutes(30), entries: 5, exits: 2, maxPresent: 0, kind: "line");
        // Outside the range: must not show.
        await Seed.CountAsync(host, "door-a", "door", "person", To.AddMinutes(1), entries: 9, exits: 9, maxPresent: 9);
    }

    private static async Task<string[][]> RowsAsync(ILocator zone) =>
        await zone.Locator(".metrics-table tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.querySelectorAll('td')].map(c => c.textContent))");
}
