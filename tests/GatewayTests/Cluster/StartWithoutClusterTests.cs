using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Security;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.GatewayTests.Cluster;

[Collection(GatewayCollection.Name)]
public sealed class StartWithoutClusterTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3)
{
    [Fact]
    public async Task A_gateway_started_before_any_silo_serves_503_for_grain_calls_and_joins_the_cluster_when_a_silo_comes()
    {
        var port = FreePort.Next();
        await using var host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        {
            Port = port,
            // The silo has created the schema and the cluster's tables; now no silo is there when the gateway starts.
            BeforeGatewayStarts = h => h.StopSiloAsync(),
        };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, host.AdminKey);

        // The host's start completes only once its cluster client has connected: it runs on while the API already serves.
        var starting = Task.Run(host.InitializeAsync);
        await Eventually.WaitAsync(async () => starting.IsFaulted || await FreePort.IsListeningAsync(port), TimeSpan.FromSeconds(30), () => "the gateway to listen");
        var created = await http.PostAsJsonAsync("/api/cameras", new { id = "yard", name = "Yard" });
        var record = await http.PostAsJsonAsync("/api/cameras/yard/recordings", new { durationSeconds = 5 });
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var startedWithoutCluster = starting.IsCompleted;

        await host.Silo.StartAsync();
        await starting;
        var recordAgain = await http.PostAsJsonAsync("/api/cameras/yard/recordings", new { durationSeconds = 5 });

        // Saved, and the camera grain reads it when it first activates.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, created.StatusCode);
        Assert.Equal("Yard", (await http.GetFromJsonAsync<JsonElement>("/api/cameras/yard")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, record.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.False(startedWithoutCluster);
        Assert.Equal(HttpStatusCode.Accepted, recordAgain.StatusCode);
    }
}
