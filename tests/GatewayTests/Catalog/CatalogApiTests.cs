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
        await CatalogSeed.TwoSitesAsync(admin);
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
    public async Task Buckets_lie_on_the_interval_grid_of_the_callers_zone_whatever_the_from()
    {
        // Entries at 18:17:49-53 are counted in the minute 18:17; a from of 18:16:17.5 once put them in [18:16:17.5, 18:17:17.5).
        var minute = new DateTimeOffset(2026, 12, 1, 18, 17, 0, TimeSpan.Zero);
        await CatalogSeed.CountAsync(host.Database, "ds-n", "door", "Person", minute, entries: 5, exits: 0, maxPresent: 5);
        await CatalogSeed.CountAsync(host.Database, "ds-n", "door", "Person", minute.AddHours(5), entries: 2, exits: 2, maxPresent: 2);
        using var viewer = await host.ClientWithRoleAsync("viewer");

        var fine = await viewer.GetFromJsonAsync<JsonElement>($"/api/sensors/ds-n/metrics/traffic?from={Q(minute.AddSeconds(-42.5))}&to={Q(minute.AddMinutes(5))}");
        var daily = await viewer.GetFromJsonAsync<JsonElement>(
            $"/api/sensors/ds-n/metrics/traffic?from={Q(minute.AddHours(-20))}&to={Q(minute.AddHours(20))}&bucket=1d&tz=America/New_York");

        Assert.Equal(minute.AddMinutes(-1), fine.GetProperty("from").GetDateTimeOffset());
        var bucket = Assert.Single(fine.GetProperty("buckets").EnumerateArray());
        Assert.Equal((minute, 5L), (bucket.GetProperty("start").GetDateTimeOffset(), bucket.GetProperty("entries").GetInt64()));
        // 18:17 and 23:17 UTC are 13:17 and 18:17 in New York (-05:00): one local day, which starts at 05:00 UTC.
        var day = Assert.Single(daily.GetProperty("buckets").EnumerateArray());
        Assert.Equal("2026-12-01T00:00:00-05:00", day.GetProperty("start").GetString());
        Assert.Equal(7, day.GetProperty("entries").GetInt64());
        Assert.Equal("America/New_York", daily.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Line_crossings_are_counted_per_direction_in_the_traffic_shape()
    {
        await CatalogSeed.CountAsync(host.Database, "ds-n", "gate", "Person", T0.AddMinutes(2), entries: 4, exits: 1, maxPresent: 0, kind: "line");
        await CatalogSeed.CountAsync(host.Database, "ds-n", "door", "Person", T0.AddMinutes(2), entries: 1, exits: 0, maxPresent: 1);
        using var viewer = await host.ClientWithRoleAsync("viewer");

        var gate = await viewer.GetFromJsonAsync<JsonElement>($"/api/sensors/ds-n/metrics/traffic?from={Q(T0)}&to={Q(T0.AddMinutes(15))}&bucket=15m&zone=gate");
        // A time with an offset other than UTC is the same instant (Npgsql takes only UTC: the gateway converts).
        var occupancy = await viewer.GetFromJsonAsync<JsonElement>($"/api/sensors/ds-n/metrics/occupancy?at={Q(T0.AddMinutes(3).ToOffset(TimeSpan.FromHours(1)))}");

        var bucket = Assert.Single(gate.GetProperty("buckets").EnumerateArray());
        Assert.Equal(("line", 4L, 1L), (bucket.GetProperty("kind").GetString(), bucket.GetProperty("entries").GetInt64(), bucket.GetProperty("exits").GetInt64()));
        Assert.Equal(["door"], occupancy.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("zoneId").GetString()));
    }

    [Fact]
    public async Task An_unknown_time_zone_is_a_field_error()
    {
        using var viewer = await host.ClientWithRoleAsync("viewer");

        var response = await viewer.GetAsync("/api/sensors/ds-n/metrics/traffic?tz=Mars/Olympus");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Mars/Olympus", problem.GetProperty("errors").GetProperty("tz")[0].GetString());
    }

    [Fact]
    public async Task Camera_status_reports_the_last_heartbeat_or_offline()
    {
        // What the edge agent reports reaches the camera grain through the silo's status topic.
        var heartbeat = await host.Silo.ProduceHeartbeatAsync(EdgeHeartbeats.Connected("edge-1", "cam-n", TimeProvider.System.GetUtcNow(), cacheSeconds: 28.5, recording: true));
        await host.Silo.WaitUntilAppliedAsync(host.Silo.StatusTopic, heartbeat);

        using var viewer = await host.ClientWithRoleAsync("viewer");
        using var southViewer = await host.ClientWithRoleAsync("viewer", "south");
        var reported = await viewer.GetFromJsonAsync<JsonElement>("/api/cameras/cam-n/status");
        var silent = await viewer.GetFromJsonAsync<JsonElement>("/api/cameras/cam-s/status");

        Assert.True(reported.GetProperty("online").GetBoolean());
        Assert.True(reported.GetProperty("recording").GetBoolean());
        Assert.Equal("edge-1", reported.GetProperty("agentId").GetString());
        Assert.Equal(28.5, reported.GetProperty("cacheSeconds").GetDouble());
        Assert.False(silent.GetProperty("online").GetBoolean());
        Assert.Equal(JsonValueKind.Null, silent.GetProperty("lastHeartbeatAt").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/cameras/ghost/status")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await southViewer.GetAsync("/api/cameras/cam-n/status")).StatusCode);
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    private static List<string?> Ids(JsonElement page) => CatalogSeed.Ids(page);
}
