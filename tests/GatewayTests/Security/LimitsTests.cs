using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Security;

[Collection(GatewayCollection.Name)]
public sealed class LimitsTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3)
        .With("Auth:RequestsPerMinute", "120")
        .With("Gateway:MaxRequestBodyBytes", "4096");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_caller_over_its_rate_is_told_to_retry_and_others_are_unaffected()
    {
        using var busy = host.ClientWithKey();
        using var other = await host.ClientWithRoleAsync("viewer");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 130; i++)
        {
            statuses.Add((await busy.GetAsync("/api/sites")).StatusCode);
        }

        var limited = await busy.GetAsync("/api/sites");
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/sites")).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_it_is_read()
    {
        using var admin = host.ClientWithKey();
        // A declared length: what browsers and most clients send. (Chunked bodies are cut off by Kestrel's
        // body-size feature, which the in-memory test server does not have.)
        var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { id = "big", name = new string('x', 10_000) }));
        body.Headers.ContentType = new("application/json");

        var response = await admin.PostAsync("/api/sites", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/sites/big")).StatusCode);
    }
}
