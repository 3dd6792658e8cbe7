using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Sites;

[Collection(GatewayCollection.Name)]
public sealed class SiteApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new(kafka, postgres, s3);

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Sites_are_created_read_updated_and_deleted()
    {
        using var admin = host.ClientWithKey();

        var created = await admin.PostAsJsonAsync("/api/sites", new { id = "plant-1", name = "Plant 1" });
        var duplicate = await admin.PostAsJsonAsync("/api/sites", new { id = "plant-1", name = "Again" });
        var renamed = await admin.PutAsJsonAsync("/api/sites/plant-1", new { name = "Plant One" });
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/sites/plant-1");
        var deleted = await admin.DeleteAsync("/api/sites/plant-1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/sites/plant-1", created.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Plant One", read.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/sites/plant-1")).StatusCode);
    }

    [Fact]
    public async Task Invalid_bodies_and_parameters_are_problem_details_naming_every_field()
    {
        using var admin = host.ClientWithKey();

        var empty = await admin.PostAsJsonAsync("/api/sites", new { });
        var traversal = await admin.PostAsJsonAsync("/api/sites", new { id = "../etc", name = "x" });
        var wrongType = await admin.PostAsync("/api/sites", new StringContent("""{"id": 12, "name": "x"}""", Encoding.UTF8, "application/json"));
        var notJson = await admin.PostAsync("/api/sites", new StringContent("{not json", Encoding.UTF8, "application/json"));
        var badLimit = await admin.GetAsync("/api/sites?limit=abc");
        var outOfRange = await admin.GetAsync("/api/sites?limit=100000");
        var badCursor = await admin.GetAsync("/api/sites?cursor=garbage");

        Assert.Equal(["id", "name"], (await Errors(empty)).Order());
        Assert.Equal(["id"], await Errors(traversal));
        Assert.Equal(["id"], await Errors(wrongType));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(["limit"], await Errors(badLimit));
        Assert.Equal(["limit"], await Errors(outOfRange));
        Assert.Equal(["cursor"], await Errors(badCursor));
    }

    [Fact]
    public async Task Paging_is_stable_while_rows_are_inserted()
    {
        using var admin = host.ClientWithKey();
        foreach (var id in new[] { "s-10", "s-20", "s-30", "s-40", "s-50" })
        {
            await admin.PostAsJsonAsync("/api/sites", new { id, name = id });
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/sites?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 0)
            {
                // Inserted behind and ahead of the reader: the first must not shift the pages, the second shows up once.
                await admin.PostAsJsonAsync("/api/sites", new { id = "s-05", name = "behind" });
                await admin.PostAsJsonAsync("/api/sites", new { id = "s-45", name = "ahead" });
            }
        }
        while (cursor is not null);

        Assert.Equal(["s-10", "s-20", "s-30", "s-40", "s-45", "s-50"], seen);
    }

    private static async Task<string[]> Errors(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }
}
