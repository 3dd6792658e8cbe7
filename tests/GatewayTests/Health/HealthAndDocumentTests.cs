using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Health;

[Collection(GatewayCollection.Name)]
public sealed class HealthAndDocumentTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new(kafka, postgres, s3);

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Ready_when_postgres_kafka_s3_and_the_orleans_cluster_answer()
    {
        using var anonymous = host.CreateClient();

        var ready = await anonymous.GetAsync("/readyz");
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(["kafka", "orleans", "postgres", "s3"], body.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("ok").GetBoolean()).Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Not_ready_naming_the_dependency_that_fails()
    {
        await using var broken = new GatewayHost(kafka, postgres, s3).With("S3:Bucket", "no-such-bucket");
        await broken.InitializeAsync();
        using var anonymous = broken.CreateClient();

        var ready = await anonymous.GetAsync("/readyz");
        var failed = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("ok").GetBoolean());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(["s3"], failed.Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_openapi_document_describes_every_api_route_and_swagger_ui_is_served()
    {
        using var anonymous = host.CreateClient();

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var swagger = await anonymous.GetAsync("/swagger/index.html");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/sites", "/api/cameras", "/api/cameras/{id}/status", "/api/sensors", "/api/rules", "/api/rules/{id}/enable",
            "/api/cameras/{id}/recordings", "/api/cameras/{id}/recordings/stop", "/api/recordings", "/api/events", "/api/alerts", "/api/alerts/stream",
            "/api/sensors/{id}/metrics/traffic", "/api/sensors/{id}/metrics/occupancy", "/api/keys" })
        {
            Assert.Contains(path, paths);
        }

        Assert.True(document.GetProperty("paths").GetProperty("/api/rules").GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
    }
}
