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
}
