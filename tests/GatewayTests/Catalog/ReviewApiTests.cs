using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Catalog;

/// <summary>The review timeline's API: reviewed state on alerts and sessions, its filters, and the clip each entry names.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ReviewApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly GatewayHost host = new(kafka, postgres, s3);

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        using var admin = host.ClientWithKey();
        await CatalogSeed.TwoSitesAsync(admin);
        await CatalogSeed.AlertAsync(host.Database, "al-1", "cam-n", "ds-n", "r-person", "Person", T0.AddMinutes(1));
        await CatalogSeed.AlertAsync(host.Database, "al-2", "cam-n", "ds-n", "r-car", "Vehicle", T0.AddMinutes(2), severity: "critical", zoneId: "gate");
        await CatalogSeed.AlertAsync(host.Database, "al-3", "cam-s", "ds-s", "r-person", "Person", T0.AddMinutes(3));
        await CatalogSeed.SessionAsync(host.Database, "ses-1", "cam-n", "r-person", T0.AddMinutes(4));
        var clips = new ClipStore(host);
        // 10 s clips: one covering al-1 (2 s in), one of ses-1; al-2 falls after the first one ended.
        await clips.InsertAsync(new TestClip("clip-al-1", "cam-n", T0.AddMinutes(1).AddSeconds(-2)) { ThumbnailKey = TestClip.KeyOf("cam-n", "clip-al-1", T0, "jpg") });
        await clips.InsertAsync(new TestClip("clip-ses-1", "cam-n", T0.AddMinutes(4)) { SessionId = "ses-1" });
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_operator_marks_an_alert_reviewed_and_unreviewed_and_the_listings_follow()
    {
        using var @operator = await host.ClientWithRoleAsync("operator");

        var marked = await @operator.PutAsync("/api/alerts/al-1/review", null);
        var review = await marked.Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await @operator.PutAsync("/api/alerts/al-1/review", null)).Content.ReadFromJsonAsync<JsonElement>();
        var alert = await @operator.GetFromJsonAsync<JsonElement>("/api/alerts/al-1");
        var unreviewedAlerts = await @operator.GetFromJsonAsync<JsonElement>("/api/alerts?reviewed=false");
        var reviewedEvents = await @operator.GetFromJsonAsync<JsonElement>("/api/events?reviewed=true");
        var unreviewedEvents = await @operator.GetFromJsonAsync<JsonElement>("/api/events?reviewed=false");
        var unmarked = await @operator.DeleteAsync("/api/alerts/al-1/review");
        var afterUnmark = await @operator.GetFromJsonAsync<JsonElement>("/api/events?reviewed=true");
        var unmarkedAgain = await @operator.DeleteAsync("/api/alerts/al-1/review");

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.False(string.IsNullOrEmpty(review.GetProperty("reviewedBy").GetString()));
        Assert.Equal(review.GetProperty("reviewedAt").GetDateTimeOffset(), again.GetProperty("reviewedAt").GetDateTimeOffset());
        Assert.Equal(review.GetProperty("reviewedAt").GetDateTimeOffset(), alert.GetProperty("review").GetProperty("reviewedAt").GetDateTimeOffset());
        Assert.Equal(["al-3", "al-2"], Ids(unreviewedAlerts));
        Assert.Equal(["al-1"], Ids(reviewedEvents));
        Assert.Equal(["ses-1", "al-3", "al-2"], Ids(unreviewedEvents));
        Assert.Equal(JsonValueKind.Null, unreviewedEvents.GetProperty("items")[0].GetProperty("review").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, unmarked.StatusCode);
        Assert.Empty(Ids(afterUnmark));
        Assert.Equal(HttpStatusCode.NoContent, unmarkedAgain.StatusCode);
    }

    [Fact]
    public async Task A_recording_session_is_reviewed_like_an_alert()
    {
        using var @operator = await host.ClientWithRoleAsync("operator");

        var marked = await @operator.PutAsync("/api/recordings/ses-1/review", null);
        var reviewed = await @operator.GetFromJsonAsync<JsonElement>("/api/events?reviewed=true");
        var alertOfTheSameId = await @operator.PutAsync("/api/alerts/ses-1/review", null);

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(["ses-1"], Ids(reviewed));
        Assert.Equal("recording", reviewed.GetProperty("items")[0].GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, alertOfTheSameId.StatusCode);
    }

    [Fact]
    public async Task Unknown_and_other_sites_events_are_not_found_and_viewers_may_not_review()
    {
        using var northOperator = await host.ClientWithRoleAsync("operator", "north");
        using var viewer = await host.ClientWithRoleAsync("viewer");

        Assert.Equal(HttpStatusCode.NotFound, (await northOperator.PutAsync("/api/alerts/al-ghost/review", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northOperator.DeleteAsync("/api/recordings/ses-ghost/review")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northOperator.PutAsync("/api/alerts/al-3/review", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northOperator.DeleteAsync("/api/alerts/al-3/review")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await northOperator.PutAsync("/api/alerts/al-1/review", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsync("/api/alerts/al-2/review", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync("/api/alerts/al-1/review")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await northOperator.PutAsync("/api/alerts/..bad/review", null)).StatusCode);

        var reviewed = await viewer.GetFromJsonAsync<JsonElement>("/api/alerts?reviewed=true");
        Assert.Equal(["al-1"], Ids(reviewed));
    }

    [Fact]
    public async Task The_timeline_filters_by_severity_and_zone_and_names_the_clip_covering_each_entry()
    {
        using var viewer = await host.ClientWithRoleAsync("viewer");

        var critical = await viewer.GetFromJsonAsync<JsonElement>("/api/events?severity=critical");
        var gate = await viewer.GetFromJsonAsync<JsonElement>("/api/events?zoneId=gate");
        var all = await viewer.GetFromJsonAsync<JsonElement>("/api/events");
        var zoned = await viewer.GetFromJsonAsync<JsonElement>("/api/alerts?zoneId=door");

        Assert.Equal(["al-2"], Ids(critical));
        Assert.Equal(["al-2"], Ids(gate));
        Assert.Equal(["al-3", "al-1"], Ids(zoned));
        var clips = all.GetProperty("items").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("clip"));
        Assert.Equal("clip-al-1", clips["al-1"].GetProperty("id").GetString());
        Assert.Equal(2.0, clips["al-1"].GetProperty("offsetSeconds").GetDouble(), 3);
        Assert.Equal("/api/clips/clip-al-1/thumbnail", clips["al-1"].GetProperty("thumbnailUrl").GetString());
        Assert.Equal("clip-ses-1", clips["ses-1"].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, clips["ses-1"].GetProperty("thumbnailUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, clips["al-2"].ValueKind);
        Assert.Equal(JsonValueKind.Null, clips["al-3"].ValueKind);
    }

    private static List<string?> Ids(JsonElement page) => CatalogSeed.Ids(page);
}
