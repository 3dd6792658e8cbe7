using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Clips;

/// <summary>The clip catalog over HTTP: filters, keyset paging, site scope, roles and deletion.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ClipApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new(kafka, postgres, s3);
    private ClipStore store = null!;

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        store = new ClipStore(host);
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Listing_filters_by_camera_rule_session_and_start_time_newest_first()
    {
        var t = TestClip.Noon;
        await store.InsertAsync(new TestClip("clip-a", "cam-1", t) { RuleId = "rule-1", SessionId = "ses-1" });
        await store.InsertAsync(new TestClip("clip-b", "cam-1", t.AddMinutes(1)) { RuleId = "rule-2", SessionId = "ses-1" });
        await store.InsertAsync(new TestClip("clip-c", "cam-2", t.AddMinutes(2)) { RuleId = "rule-1", SessionId = "ses-2" });
        await store.InsertAsync(new TestClip("clip-d", "cam-1", t.AddMinutes(3)) { RuleId = "rule-1" });
        using var admin = host.ClientWithKey();

        Assert.Equal(["clip-d", "clip-c", "clip-b", "clip-a"], await IdsAsync(admin, ""));
        Assert.Equal(["clip-d", "clip-b", "clip-a"], await IdsAsync(admin, "cameraId=cam-1"));
        Assert.Equal(["clip-d", "clip-c", "clip-a"], await IdsAsync(admin, "ruleId=rule-1"));
        Assert.Equal(["clip-b", "clip-a"], await IdsAsync(admin, "sessionId=ses-1"));
        Assert.Equal(["clip-d", "clip-a"], await IdsAsync(admin, "cameraId=cam-1&ruleId=rule-1"));
        Assert.Equal(["clip-c", "clip-b"], await IdsAsync(admin, $"from={Q(t.AddMinutes(1))}&to={Q(t.AddMinutes(3))}"));
        // Any offset is accepted: 13:02+01:00 is 12:02Z.
        Assert.Equal(["clip-c", "clip-b", "clip-a"], await IdsAsync(admin, "to=2026-03-04T13:02:30%2B01:00"));
        Assert.Empty(await IdsAsync(admin, "cameraId=cam-3"));
    }

    [Fact]
    public async Task A_clip_shows_its_metadata_and_urls_but_not_where_it_is_stored()
    {
        await store.InsertAsync(new TestClip("clip-meta", "cam-1", TestClip.Noon) { RuleId = "rule-1", SessionId = "ses-1", ThumbnailKey = TestClip.KeyOf("cam-1", "clip-meta", TestClip.Noon, "jpg") });
        using var admin = host.ClientWithKey();

        var clip = await admin.GetFromJsonAsync<JsonElement>("/api/clips/clip-meta");

        Assert.Equal("cam-1", clip.GetProperty("cameraId").GetString());
        Assert.Equal("ses-1", clip.GetProperty("sessionId").GetString());
        Assert.Equal(TestClip.Noon, clip.GetProperty("startAt").GetDateTimeOffset());
        Assert.Equal(1000, clip.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("mp4", clip.GetProperty("container").GetString());
        Assert.Equal("/api/clips/clip-meta/content", clip.GetProperty("contentUrl").GetString());
        Assert.Equal("/api/clips/clip-meta/thumbnail", clip.GetProperty("thumbnailUrl").GetString());
        Assert.DoesNotContain(clip.EnumerateObject(), p => p.Name is "bucket" or "objectKey" or "thumbnailKey");
        Assert.DoesNotContain("clips/cam-1", clip.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/clips/clip-unknown")).StatusCode);
    }

    [Fact]
    public async Task Paging_is_stable_while_clips_are_inserted()
    {
        var t = TestClip.Noon;
        // Two clips share a start time: the id breaks the tie, in the cursor too.
        foreach (var (id, minute) in new[] { ("clip-1", 1), ("clip-2", 2), ("clip-3a", 3), ("clip-3b", 3), ("clip-5", 5) })
        {
            await store.InsertAsync(new TestClip(id, "cam-1", t.AddMinutes(minute)));
        }

        using var admin = host.ClientWithKey();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/clips?cameraId=cam-1&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 0)
            {
                // Newer than the page already read (must not shift the pages) and within the rest (shows up once).
                await store.InsertAsync(new TestClip("clip-9", "cam-1", t.AddMinutes(9)));
                await store.InsertAsync(new TestClip("clip-2b", "cam-1", t.AddMinutes(2)));
            }
        }
        while (cursor is not null);

        Assert.Equal(["clip-5", "clip-3b", "clip-3a", "clip-2b", "clip-2", "clip-1"], seen);
    }

    [Fact]
    public async Task Invalid_filters_are_problem_details_naming_the_field()
    {
        using var admin = host.ClientWithKey();

        Assert.Equal(["cameraId"], await ErrorsAsync(admin, "/api/clips?cameraId=..%2Fx"));
        Assert.Equal(["siteId"], await ErrorsAsync(admin, "/api/clips?siteId=a%2Fb"));
        Assert.Equal(["to"], await ErrorsAsync(admin, $"/api/clips?from={Q(TestClip.Noon)}&to={Q(TestClip.Noon.AddHours(-1))}"));
        Assert.Equal(["from"], await ErrorsAsync(admin, "/api/clips?from=yesterday"));
        Assert.Equal(["cursor"], await ErrorsAsync(admin, "/api/clips?cursor=garbage"));
        Assert.Equal(["limit"], await ErrorsAsync(admin, "/api/clips?limit=0"));
        Assert.Equal(["proxy"], await ErrorsAsync(admin, "/api/clips/clip-1/content?proxy=maybe"));
    }

    [Fact]
    public async Task A_site_scoped_key_sees_only_clips_of_its_sites_cameras()
    {
        await store.AddCameraAsync("cam-east", "east");
        await store.AddCameraAsync("cam-west", "west");
        await store.UploadAsync(new TestClip("clip-east", "cam-east", TestClip.Noon), [1, 2, 3]);
        await store.UploadAsync(new TestClip("clip-west", "cam-west", TestClip.Noon.AddMinutes(1)), [4, 5, 6]);
        await store.UploadAsync(new TestClip("clip-nowhere", "cam-unknown", TestClip.Noon.AddMinutes(2)), [7, 8, 9]);
        await store.InsertAsync(new TestClip("clip-east-2", "cam-east", TestClip.Noon.AddMinutes(3)));
        using var admin = host.ClientWithKey();
        using var eastViewer = await host.ClientWithRoleAsync("viewer", "east");
        using var eastOperator = await host.ClientWithRoleAsync("operator", "east");

        Assert.Equal(["clip-east-2", "clip-east"], await IdsAsync(eastViewer, ""));
        var firstPage = await eastViewer.GetFromJsonAsync<JsonElement>("/api/clips?limit=1");
        var secondPage = await eastViewer.GetFromJsonAsync<JsonElement>($"/api/clips?limit=1&cursor={firstPage.GetProperty("nextCursor").GetString()}");
        Assert.Equal("clip-east", secondPage.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("nextCursor").ValueKind);
        Assert.Empty(await IdsAsync(eastViewer, "siteId=west"));
        Assert.Empty(await IdsAsync(eastViewer, "cameraId=cam-west"));
        Assert.Equal(HttpStatusCode.OK, (await eastViewer.GetAsync("/api/clips/clip-east")).StatusCode);
        foreach (var path in new[] { "/api/clips/clip-west", "/api/clips/clip-west/content", "/api/clips/clip-west/content?proxy=true", "/api/clips/clip-nowhere" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await eastViewer.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await eastOperator.DeleteAsync("/api/clips/clip-west")).StatusCode);
        Assert.True(await store.RowExistsAsync("clip-west"));
        Assert.Equal(["clip-east-2", "clip-nowhere", "clip-west", "clip-east"], await IdsAsync(admin, ""));
        Assert.Equal(["clip-west"], await IdsAsync(admin, "siteId=west"));
    }

    [Fact]
    public async Task A_viewer_cannot_delete_and_an_operators_delete_removes_objects_then_row()
    {
        var clip = await store.UploadAsync(new TestClip("clip-del", "cam-1", TestClip.Noon), await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        using var viewer = await host.ClientWithRoleAsync("viewer");
        using var @operator = await host.ClientWithRoleAsync("operator");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/clips/{clip.Id}")).StatusCode);
        Assert.True(await store.ObjectExistsAsync(clip.ObjectKey));

        Assert.Equal(HttpStatusCode.NoContent, (await @operator.DeleteAsync($"/api/clips/{clip.Id}")).StatusCode);
        Assert.False(await store.ObjectExistsAsync(clip.ObjectKey));
        Assert.False(await store.ObjectExistsAsync(clip.ThumbnailKey!));
        Assert.False(await store.RowExistsAsync(clip.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/clips/{clip.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await @operator.DeleteAsync($"/api/clips/{clip.Id}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_clip_whose_objects_are_already_gone_still_removes_the_row()
    {
        // As after a crash between deleting the objects and the row: the retry must finish the job.
        await store.InsertAsync(new TestClip("clip-half", "cam-1", TestClip.Noon) { ThumbnailKey = TestClip.KeyOf("cam-1", "clip-half", TestClip.Noon, "jpg") });
        using var admin = host.ClientWithKey();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/clips/clip-half")).StatusCode);
        Assert.False(await store.RowExistsAsync("clip-half"));
    }

    private static async Task<string[]> IdsAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/clips?{query}");
        return [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
    }

    private static async Task<string[]> ErrorsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
