using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.GatewayTests.Faults;
using Platform.Testing;

namespace Platform.GatewayTests.Health;

[Collection(GatewayCollection.Name)]
public sealed class HealthAndDocumentTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    // Signing in and out, and the probes, are for callers without credentials.
    private static readonly HashSet<string> Anonymous = ["POST /api/session", "DELETE /api/session", "GET /healthz", "GET /readyz"];

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

    [Fact]
    public async Task The_openapi_document_offers_the_api_key_scheme_and_summarizes_every_operation()
    {
        using var anonymous = host.CreateClient();

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = OpenApiDocument.Operations(document);

        var scheme = document.GetProperty("components").TryGetProperty("securitySchemes", out var schemes) && schemes.TryGetProperty("ApiKey", out var apiKey)
            ? apiKey : default;
        Assert.True(scheme.ValueKind == JsonValueKind.Object, "no ApiKey among components.securitySchemes");
        Assert.Equal(("apiKey", "header", "X-Api-Key"),
            (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        var api = operations.Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        var unsummarized = api.Where(o => string.IsNullOrWhiteSpace(o.Summary)).ToList();
        Assert.True(unsummarized.Count == 0, $"{unsummarized.Count} of {api.Count} operations have no summary: {string.Join(", ", unsummarized)}");
        var keyless = operations.Where(o => !Anonymous.Contains(o.ToString()) && !o.SecuritySchemes.Contains("ApiKey")).ToList();
        var keyed = operations.Where(o => Anonymous.Contains(o.ToString()) && o.SecuritySchemes.Count > 0).ToList();
        Assert.True(keyless.Count == 0 && keyed.Count == 0,
            $"need a key but do not name the ApiKey scheme: {string.Join(", ", keyless)}; anonymous but with a requirement: {string.Join(", ", keyed)}");
        Assert.Contains("POST /api/session", operations.Select(o => o.ToString()));
    }
}
