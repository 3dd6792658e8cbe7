using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ApiKeyViewTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        .With("Logging:LogLevel:Default", "Warning")
        .With("Auth:SessionKeyCheckInterval", "00:00:00");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_a_site_key_sees_it_once_signs_in_with_it_and_revokes_it()
    {
        await Seed.SiteAsync(host, "site-a", "Site A");
        await using var admin = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = admin.Page;
        await admin.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.Locator("#key-name-error")).ToHaveTextAsync("Required.");
        await page.GetByLabel("Name").FillAsync("Night shift");
        await page.GetByLabel("Role").SelectOptionAsync("operator");
        await page.GetByLabel("Site", new() { Exact = true }).Last.SelectOptionAsync("site-a");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await page.Locator("#new-key").InputValueAsync();
        var row = page.Locator("tr", new() { HasText = "Night shift" });
        await Expect(row).ToContainTextAsync("Site A");
        await Expect(row).ToContainTextAsync("operator");
        Assert.StartsWith("pk_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);

        await using (var user = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!))
        {
            await user.SignInAsync(key);
            await Expect(user.Page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToBeHiddenAsync();
            await Expect(user.Page.Locator("#whoami")).ToContainTextAsync("site site-a");
        }

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke key Night shift" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm: revoke key Night shift" }).ClickAsync();
        await Expect(page.Locator("tr", new() { HasText = "Night shift" }).Locator(".badge")).ToContainTextAsync("Revoked");
        using var api = new HttpClient { BaseAddress = host.BaseUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("/api/sites")).StatusCode);
        Assert.Empty(admin.PageErrors);
    }
}
