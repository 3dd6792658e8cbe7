using System.Globalization;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// The continuous recording view against a real gateway, PostgreSQL, S3 server and ffmpeg: a camera's recorded spans
/// of a day (real Matroska segments in the bucket, rows as the silo writes them), and a window played in the browser
/// as the one MP4 the gateway joins.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContinuousViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        .With("Logging:LogLevel:Default", "Warning")
        .With("Retention:Enabled", "false");

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.CameraAsync(host, "cam-yard", "site-a", "Yard");
        await using var continuous = host.Database.CreateCommand("UPDATE cameras SET continuous = true WHERE id = 'cam-yard'");
        await continuous.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_days_spans_are_drawn_and_listed_and_a_window_plays_as_one_mp4_joined_from_its_segments()
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-10);
        var segments = new ContinuousSegments(host);
        await segments.AddAsync("cam-yard", start, 5);               // 10 s
        await segments.AddAsync("cam-yard", start.AddMinutes(1), 2); // 4 s, after a gap
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);

        var recorded = page.Locator("tr[data-camera-id='cam-yard']").GetByRole(AriaRole.Link, new() { Name = "Play Yard's continuous recording" });
        await Expect(recorded).ToHaveAttributeAsync("href", "#/continuous?cameraId=cam-yard");
        // The browser runs in UTC here: the day of the seeded segments, also when the test runs just after midnight.
        await page.GotoAsync($"/#/continuous?cameraId=cam-yard&day={start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await Expect(page.Locator("table.continuous-spans tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator(".continuous-day .continuous-span")).ToHaveCountAsync(2);
        await Expect(page.Locator("table.continuous-spans tbody tr").First.Locator("td[data-label='Length']")).ToHaveTextAsync("10 s");
        // The window starts at the day's first span and lasts five minutes: both spans, 14 s of video.
        await Expect(page.Locator("#continuous-from")).ToHaveValueAsync(start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('#continuous-player'); return v.readyState >= 1 && isFinite(v.duration); }");
        var duration = await page.EvaluateAsync<double>("() => document.querySelector('#continuous-player').duration");
        Assert.InRange(duration, 13, 15);
        await Expect(page.Locator("#continuous-download")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/api/cameras/cam-yard/continuous/export\\?from="));

        // A window with nothing in it: the gateway's reason, not a silent black player.
        await page.Locator("#continuous-from").FillAsync(start.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.Locator("#continuous-to").FillAsync(start.AddHours(-2.5).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("has no continuous recording between");
        Assert.Empty(session.PageErrors);
    }
}
