using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RuleEditorTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ChromiumFixture chromium) : IAsyncLifetime
{
    /// <summary>A square zone from (0, 0) to (100, 100) of a sensor's frame.</summary>
    private const string FrontDoor = """[{"id":"door","name":"Front door","polygon":[{"x":0,"y":0},{"x":100,"y":0},{"x":100,"y":100},{"x":0,"y":100}]}]""";

    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        // Request logs of every status poll would drown the test output; warnings and errors still show.
        .With("Logging:LogLevel:Default", "Warning");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Rule_editor_shows_each_validation_message_of_a_400_beside_its_field()
    {
        await Seed.SensorAsync(host, "sensor-1", "Door");
        await using var session = await NewRuleAsync();
        var page = session.Page;

        // No name, no zone (the sensor has none) and a misspelt class: the gateway rejects all three in one 400.
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("rule-1");
        await page.GetByLabel("Door (sensor-1)").CheckAsync();
        await Expect(page.GetByLabel("Zone", new() { Exact = true })).ToContainTextAsync("The chosen sensors have no zone");
        await page.GetByLabel("Add class").FillAsync("Persn");
        await page.GetByLabel("Add class").PressAsync("Enter");
        Assert.Equal(400, (await CreateAsync(page)).Status);

        await Expect(page.Locator("#rule-name-error")).ToHaveTextAsync("Required.");
        await Expect(page.Locator("#rule-condition-zoneId-error")).ToHaveTextAsync("Required.");
        await Expect(page.Locator("#rule-condition-classes-error")).ToContainTextAsync("No detector reports the class 'Persn'");
        await Expect(page.Locator("#rule-condition-classes-error")).ToContainTextAsync("Known classes: Person, Vehicle");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Zone", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Sensors" })).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Zone (condition): Required.");

        // A link in the summary takes the user to the field.
        await page.Locator(".error-summary").GetByRole(AriaRole.Link, new() { Name = "Zone (condition): Required." }).ClickAsync();
        await Expect(page.GetByLabel("Zone", new() { Exact = true })).ToBeFocusedAsync();
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Durations_that_are_not_durations_are_each_named_beside_their_field_in_plain_words()
    {
        await Seed.SensorAsync(host, "sensor-1", "Door");
        await using var session = await NewRuleAsync();
        var page = session.Page;

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("rule-1");
        await page.GetByLabel("Cooldown").FillAsync("abc");
        await page.Locator("#rule-actions-0-preRoll").FillAsync("soon");
        Assert.Equal(400, (await CreateAsync(page)).Status);

        await Expect(page.Locator("#rule-cooldown-error")).ToContainTextAsync("Must be a duration such as");
        await Expect(page.Locator("#rule-actions-0-preRoll-error")).ToContainTextAsync("Must be a duration such as");
        await Expect(page.GetByLabel("Cooldown")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Pre-roll (action 1):");
        await Expect(page.Locator(".error-summary")).Not.ToContainTextAsync("Platform.");
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_rule_built_with_the_form_is_saved_as_chosen_and_its_alert_shows_in_the_events_view()
    {
        await Seed.SiteAsync(host, "shop", "Shop");
        await Seed.CameraAsync(host, "cam-door", "shop", "Door camera");
        await Seed.CameraAsync(host, "cam-yard", "shop", "Yard camera");
        await Seed.SensorAsync(host, "door-sensor", "shop", "Door", FrontDoor, "[]", "cam-door");
        await using var session = await NewRuleAsync(siteId: "shop");
        var page = session.Page;

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("person-at-door");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Person at the door");
        await page.GetByLabel("Door (door-sensor)").CheckAsync();
        await page.GetByLabel("Condition", new() { Exact = true }).SelectOptionAsync("object-in-zone");
        await page.GetByLabel("Zone", new() { Exact = true }).SelectOptionAsync("door");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove class Person" }).ClickAsync();
        await page.GetByLabel("Add class").FillAsync("Person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await page.GetByLabel("Cooldown").FillAsync("00:00:30");
        await page.Locator("#rule-actions-0-cameraId").SelectOptionAsync("cam-yard");
        await page.Locator("#rule-actions-0-preRoll").FillAsync("00:00:03");
        await page.Locator("#rule-actions-1-severity").SelectOptionAsync("critical");
        await page.Locator("#rule-actions-1-messageTemplate").FillAsync("{class} at {zone}");
        // One more alert, added and removed again: the list renumbers and keeps the others' values.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add alert" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove action 3, alert" }).ClickAsync();
        var response = await CreateAsync(page);

        Assert.Equal(201, response.Status);
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Rule “Person at the door” saved.");
        using var api = new HttpClient { BaseAddress = host.BaseUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", host.AdminKey);
        var saved = JsonNode.Parse(await api.GetStringAsync("/api/rules/person-at-door"))!;
        var expected = JsonNode.Parse("""
            {"id":"person-at-door","name":"Person at the door","enabled":true,"sensorIds":["door-sensor"],
             "condition":{"type":"object-in-zone","zoneId":"door","classes":["Person"],"trigger":"on-enter"},
             "schedule":null,"cooldown":"00:00:30","minConfidence":null,
             "actions":[{"type":"record","cameraId":"cam-yard","preRoll":"00:00:03","postRoll":"00:00:10","maxSession":"00:05:00","container":"mp4"},
                        {"type":"alert","severity":"critical","messageTemplate":"{class} at {zone}"}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, saved), saved.ToJsonString());

        // A person walks into the zone (box bottom-centre at (30, 50)): the silo fires the rule, the alert reaches the events view.
        var offset = await host.Silo.ProduceDetectionAsync("door-sensor", TimeProvider.System.GetUtcNow(), "7|10|10|50|50|Person");
        await host.Silo.WaitUntilAppliedAsync(host.Silo.DeepStreamTopic, offset);
        await page.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Person at Front door").First).ToBeVisibleAsync();
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_saved_rule_with_a_schedule_opens_in_the_form_and_saves_back_unchanged()
    {
        await Seed.SiteAsync(host, "shop", "Shop");
        await Seed.CameraAsync(host, "cam-door", "shop", "Door camera");
        await Seed.SensorAsync(host, "door-sensor", "shop", "Door", FrontDoor, "[]", "cam-door");
        using var api = new HttpClient { BaseAddress = host.BaseUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", host.AdminKey);
        var created = await api.PostAsync("/api/rules", new StringContent("""
            {"id":"loiter","name":"Loitering at night","sensorIds":["door-sensor"],"cooldown":"00:05:00","minConfidence":0.6,
             "condition":{"type":"dwell","zoneId":"door","classes":["Person","Vehicle"],"minimumDwell":"00:00:45"},
             "schedule":{"timeZone":"Europe/Berlin","windows":[{"days":["friday","saturday"],"start":"22:00","end":"06:00"},{"days":[],"start":"12:00","end":"13:00"}]},
             "actions":[{"type":"alert","severity":"info","messageTemplate":"{class} loitering at {zone}"}]}
            """, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var before = JsonNode.Parse(await api.GetStringAsync("/api/rules/loiter"))!;
        await using var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit rule Loitering at night" }).ClickAsync();

        await Expect(page.GetByLabel("Zone", new() { Exact = true })).ToHaveValueAsync("door");
        await Expect(page.GetByLabel("Stays at least")).ToHaveValueAsync("00:00:45");
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Berlin");
        await Expect(page.Locator("#rule-schedule-windows-0-start")).ToHaveValueAsync("22:00");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync(),
            r => r.Url.EndsWith("/api/rules/loiter", StringComparison.Ordinal) && r.Request.Method == "PUT");

        Assert.Equal(200, response.Status);
        var after = JsonNode.Parse(await api.GetStringAsync("/api/rules/loiter"))!;
        Assert.True(JsonNode.DeepEquals(before, after), $"{before.ToJsonString()}\n{after.ToJsonString()}");
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Each_condition_type_shows_its_own_fields()
    {
        await using var session = await NewRuleAsync();
        var page = session.Page;

        foreach (var (type, field) in new[]
        {
            ("object-in-zone", "Fires"), ("line-crossing", "Direction"), ("count-in-zone", "Within"), ("dwell", "Stays at least"),
            ("occupancy-at-least", "For at least"), ("event-type", "Event types"), ("analytics-event", "Tripwire or region ids"),
        })
        {
            await page.GetByLabel("Condition", new() { Exact = true }).SelectOptionAsync(type);
            await Expect(page.Locator("[data-field^='condition.'] > :is(label, .label)").GetByText(field, new() { Exact = true })).ToBeVisibleAsync();
        }

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

    /// <summary>A signed-in admin's browser on the new-rule form, once it has loaded (sensors, cameras, vocabulary).</summary>
    private async Task<BrowserSession> NewRuleAsync(string? siteId = null)
    {
        var session = await BrowserSession.OpenAsync(chromium.Browser, host.BaseUrl!);
        var page = session.Page;
        await session.SignInAsync(host.AdminKey);
        if (siteId is not null)
        {
            await page.GetByLabel("Site").SelectOptionAsync(siteId);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New rule" }).ClickAsync();
        await Expect(page.GetByLabel("Id", new() { Exact = true })).ToBeFocusedAsync();
        return session;
    }

    private static Task<IResponse> CreateAsync(IPage page) => page.RunAndWaitForResponseAsync(
        () => page.GetByRole(AriaRole.Button, new() { Name = "Create rule" }).ClickAsync(),
        r => r.Url.EndsWith("/api/rules", StringComparison.Ordinal) && r.Request.Method == "POST");
}
