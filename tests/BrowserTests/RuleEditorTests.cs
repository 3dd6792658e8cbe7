using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RuleEditorTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        // Request logs of every status poll would drown the test output; warnings and errors still show.
        .With("Logging:LogLevel:Default", "Warning");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Rule_editor_shows_each_validation_message_of_a_400_beside_its_field()
    {
        await Seed.SensorAsync(host, "sensor-1", "Door");
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New rule" }).ClickAsync();

        // No name, and the new-rule template's condition names no zone: the gateway's rule validator rejects both.
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("rule-1");
        await page.GetByLabel("Sensors").FillAsync("sensor-1");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create rule" }).ClickAsync(),
            r => r.Url.EndsWith("/api/rules", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Expect(page.Locator("#rule-name-error")).ToHaveTextAsync("Required.");
        await Expect(page.Locator("#rule-condition-error")).ToHaveTextAsync("zoneId: Required.");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Condition")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Sensors")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Condition (zoneId): Required.");
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Rules_view_lists_the_chosen_sites_rules_and_turns_one_off_and_deletes_it()
    {
        await Seed.SiteAsync(host, "site-a", "Site A");
        await Seed.SiteAsync(host, "site-b", "Site B");
        await Seed.SensorAsync(host, "door-a", "site-a", "Door A");
        await Seed.SensorAsync(host, "door-b", "site-b", "Door B");
        await Seed.RuleAsync(host, "rule-a", "Entry at A", "door-a");
        await Seed.RuleAsync(host, "rule-b", "Entry at B", "door-b");
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).ClickAsync();
        await Expect(page.Locator("tr[data-rule-id='rule-b']")).ToBeVisibleAsync();

        await page.GetByLabel("Site").SelectOptionAsync("site-a");
        await Expect(page.Locator("tr[data-rule-id='rule-b']")).ToHaveCountAsync(0);
        var row = page.Locator("tr[data-rule-id='rule-a']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Turn off rule Entry at A" }).ClickAsync();
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Disabled");
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete rule Entry at A" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync(); // the first click only asks
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm: delete rule Entry at A" }).ClickAsync();
        await Expect(page.Locator("tr[data-rule-id='rule-a']")).ToHaveCountAsync(0);

        await Expect(page.Locator(".notice")).ToHaveTextAsync("Rule “Entry at A” deleted.");
        using var api = new HttpClient { BaseAddress = host.BaseUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", host.AdminKey);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.GetAsync("/api/rules/rule-a")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("/api/rules/rule-b")).StatusCode);
        Assert.Empty(session.PageErrors);
    }
}
