using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Catalog;

[Collection(GatewayCollection.Name)]
public sealed class CatalogApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly GatewayHost host = new(kafka, postgres, s3);

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/sites", new { id = "north", name = "North" });
        await admin.PostAsJsonAsync("/api/sites", new { id = "south", name = "South" });
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-n", siteId = "north", name = "N" });
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-s", siteId = "south", name = "S" });
        await admin.PostAsJsonAsync("/api/sensors", new { id = "ds-n", siteId = "north", cameraId = "cam-n", name = "N" });
        await CatalogSeed.AlertAsync(host.Database, "al-1", "cam-n", "ds-n", "r-person", "Person", T0.AddMinutes(1));
        await CatalogSeed.AlertAsync(host.Database, "al-2", "cam-n", "ds-n", "r-car", "Vehicle", T0.AddMinutes(2));
        await CatalogSeed.AlertAsync(host.Database, "al-3", "cam-s", "ds-s", "r-person", "Person", T0.AddMinutes(3));
        await CatalogSeed.SessionAsync(host.Database, "ses-1", "cam-n", "r-person", T0.AddMinutes(1).AddSeconds(1));
        await CatalogSeed.SessionAsync(host.Database, "ses-2", "cam-n", null, T0.AddMinutes(4));
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task The_timeline_merges_alerts_and_sessions_newest_first_and_filters()
    {
        using var viewer = await host.ClientWithRoleAsync("viewer");

        var all = await viewer.GetFromJsonAsync<JsonElement>("/api/events");
        var people = await viewer.GetFromJsonAsync<JsonElement>("/api/events?className=Person");
        var northCamera = await viewer.GetFromJsonAsync<JsonElement>("/api/events?cameraId=cam-n&ruleId=r-person");
        var window = await viewer.GetFromJsonAsync<JsonElement>($"/api/events?from={Q(T0.AddMinutes(2))}&to={Q(T0.AddMinutes(4))}");
        var south = await viewer.GetFromJsonAsync<JsonElement>("/api/events?siteId=south");

        Assert.Equal(["ses-2", "al-3", "al-2", "ses-1", "al-1"], Ids(all));
        Assert.Equal(["recording", "alert"], all.GetProperty("items").EnumerateArray().Take(2).Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(["al-3", "al-1"], Ids(people));
        Assert.Equal(["ses-1", "al-1"], Ids(northCamera));
        Assert.Equal(["al-3", "al-2"], Ids(window));
        Assert.Equal(["al-3"], Ids(south));
    }

    [Fact]
    public async Task Timeline_pages_by_cursor_without_gaps_or_repeats()
    {
        using var viewer = await host.ClientWithRoleAsync("viewer");
        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await viewer.GetFromJsonAsync<JsonElement>($"/api/events?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
            // A newer alert arriving meanwhile must not shift the pages being read.
            await CatalogSeed.AlertAsync(host.Database, $"al-new-{seen.Count}", "cam-n", "ds-n", "r-person", "Person", T0.AddHours(1).AddSeconds(seen.Count));
        }
        while (cursor is not null);

        Assert.Equal(["ses-2", "al-3", "al-2", "ses-1", "al-1"], seen);
    }

    [Fact]
    public async Task Alerts_are_filtered_and_site_scoped()
    {
        using var north = await host.ClientWithRoleAsync("viewer", "north");

        var scoped = await north.GetFromJsonAsync<JsonElement>("/api/alerts");
        var vehicles = await north.GetFromJsonAsync<JsonElement>("/api/alerts?className=Vehicle");
        var askedForSouth = await north.GetFromJsonAsync<JsonElement>("/api/alerts?siteId=south");
        var other = await north.GetAsync("/api/alerts/al-3");
        var events = await north.GetFromJsonAsync<JsonElement>("/api/events?ruleId=r-person");

        Assert.Equal(["al-2", "al-1"], Ids(scoped));
        Assert.Equal(["al-2"], Ids(vehicles));
        Assert.Empty(Ids(askedForSouth));
        Assert.Equal("Vehicle", vehicles.GetProperty("items")[0].GetProperty("className").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("al-3", Ids(events));
    }

    [Fact]
    public async Task Traffic_is_bucketed_and_occupancy_is_the_last_count_at_a_time()
    {
        await CatalogSeed.CountAsync(host.Database, "ds-n", "door", "Person", T0, entries: 3, exits: 1, maxPresent: 2);
        await CatalogSeed.CountAsync(host.Database, "ds-n", "door", "Vehicle", T0, entries: 1, exits: 0, maxPresent: 1);
        await CatalogSeed.CountAsync(host.Database, "ds-n", "door", "Person", T0.AddMinutes(7), entries: 2, exits: 4, maxPresent: 4);
        await CatalogSeed.CountAsync(host.Database, "ds-n", "door", "Person", T0.AddMinutes(20), entries: 1, exits: 0, maxPresent: 1);
        using var viewer = await host.ClientWithRoleAsync("viewer");

        var traffic = await viewer.GetFromJsonAsync<JsonElement>($"/api/sensors/ds-n/metrics/traffic?from={Q(T0)}&to={Q(T0.AddMinutes(30))}&bucket=15m");
        var people = await viewer.GetFromJsonAsync<JsonElement>($"/api/sensors/ds-n/metrics/traffic?from={Q(T0)}&to={Q(T0.AddMinutes(15))}&bucket=15m&className=Person");
        var occupancy = await viewer.GetFromJsonAsync<JsonElement>($"/api/sensors/ds-n/metrics/occupancy?at={Q(T0.AddMinutes(8))}&zone=door");
        var tooFine = await viewer.GetAsync($"/api/sensors/ds-n/metrics/traffic?from={Q(T0.AddDays(-60))}&to={Q(T0)}&bucket=1m");
        var badBucket = await viewer.GetAsync("/api/sensors/ds-n/metrics/traffic?bucket=weekly");

        var buckets = traffic.GetProperty("buckets").EnumerateArray().Select(b => (b.GetProperty("start").GetDateTimeOffset(), b.GetProperty("entries").GetInt64(), b.GetProperty("exits").GetInt64())).ToList();
        Assert.Equal([(T0, 6L, 5L), (T0.AddMinutes(15), 1L, 0L)], buckets);
        Assert.Equal(5, people.GetProperty("buckets")[0].GetProperty("entries").GetInt64());
        var present = occupancy.GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("className").GetString()!, z => z.GetProperty("present").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Person"] = 4, ["Vehicle"] = 1 }, present);
        Assert.Equal(HttpStatusCode.BadRequest, tooFine.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBucket.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/sensors/ghost/metrics/traffic")).StatusCode);
    }

    [Fact]
    public async Task Camera_status_reports_the_last_heartbeat_or_offline()
    {
        await using (var command = host.Database.CreateCommand(
            """
            INSERT INTO camera_status (camera_id, online, last_heartbeat_at, agent_id, connected, recording, cache_seconds, open_session_id, changed_at)
            VALUES ('cam-n', true, now(), 'edge-1', true, true, 28.5, 'ses-9', now())
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        using var viewer = await host.ClientWithRoleAsync("viewer");
        var reported = await viewer.GetFromJsonAsync<JsonElement>("/api/cameras/cam-n/status");
        var silent = await viewer.GetFromJsonAsync<JsonElement>("/api/cameras/cam-s/status");

        Assert.True(reported.GetProperty("online").GetBoolean());
        Assert.True(reported.GetProperty("recording").GetBoolean());
        Assert.Equal(28.5, reported.GetProperty("cacheSeconds").GetDouble());
        Assert.Equal("ses-9", reported.GetProperty("openSessionId").GetString());
        Assert.False(silent.GetProperty("online").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/cameras/ghost/status")).StatusCode);
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    private static List<string?> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString())];
}
