using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SiteViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true).With("Logging:LogLevel:Default", "Warning");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_renames_and_deletes_a_site_and_a_site_with_cameras_is_kept_with_the_reason()
    {
        await Seed.SiteAsync(host, "busy", "Busy site");
        await Seed.CameraAsync(host, "cam-1", "busy", "Gate");
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sites", Exact = true }).ClickAsync();

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("no spaces allowed");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Warehouse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create site" }).ClickAsync();
        await Expect(page.Locator("#new-site-id-error")).ToContainTextAsync("1 to 128 characters");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("warehouse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create site" }).ClickAsync();
        var row = page.Locator("tr[data-site-id='warehouse']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator("#site-filter option[value='warehouse']")).ToHaveCountAsync(1);

        await row.GetByLabel("Name of site warehouse").FillAsync("North warehouse");
        await row.GetByRole(AriaRole.Button, new() { Name = "Rename site warehouse" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Site “warehouse” renamed to “North warehouse”.");

        var busy = page.Locator("tr[data-site-id='busy']");
        await busy.GetByRole(AriaRole.Button, new() { Name = "Delete site Busy site" }).ClickAsync();
        await busy.GetByRole(AriaRole.Button, new() { Name = "Confirm: delete site Busy site" }).ClickAsync();
        await Expect(page.Locator(".notice-area")).ToContainTextAsync("still has cameras, sensors or API keys");
        await Expect(busy).ToBeVisibleAsync();

        row = page.Locator("tr[data-site-id='warehouse']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete site North warehouse" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm: delete site North warehouse" }).ClickAsync();
        await Expect(page.Locator("tr[data-site-id='warehouse']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#site-filter option[value='warehouse']")).ToHaveCountAsync(0);
        Assert.Empty(session.PageErrors);
    }
}
