using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Cluster;

[Collection(GatewayCollection.Name)]
public sealed class ClusterOutageTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new(kafka, postgres, s3);

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        using var admin = host.ClientWithKey();
        (await admin.PostAsJsonAsync("/api/cameras", new { id = "dock", name = "Loading dock" })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Without_a_silo_grain_calls_answer_503_a_config_write_stays_saved_readyz_names_orleans_and_status_comes_from_the_stored_row()
    {
        using var admin = host.ClientWithKey();
        using var anonymous = host.CreateClient();
        var heartbeat = await host.Silo.ProduceHeartbeatAsync(EdgeHeartbeats.Connected("agent-3", "dock", TimeProvider.System.GetUtcNow()));
        await host.Silo.WaitUntilAppliedAsync(host.Silo.StatusTopic, heartbeat);

        await host.StopSiloAsync();
        var record = await admin.PostAsJsonAsync("/api/cameras/dock/recordings", new { durationSeconds = 10 });
        var stop = await admin.PostAsync("/api/cameras/dock/recordings/stop", null);
        var renamed = await admin.PutAsJsonAsync("/api/cameras/dock", new { name = "North dock" });
        var stored = await admin.GetFromJsonAsync<JsonElement>("/api/cameras/dock");
        var ready = await anonymous.GetAsync("/readyz");
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/cameras/dock/status");
        var sessions = await admin.GetFromJsonAsync<JsonElement>("/api/recordings?cameraId=dock");

        await AssertProblemAsync(record, "Cluster unavailable");
        await AssertProblemAsync(stop, "Cluster unavailable");
        await AssertProblemAsync(renamed, "Saved, not yet applied");
        Assert.Equal("North dock", stored.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["orleans"], checks.Where(c => !c.GetProperty("ok").GetBoolean()).Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["kafka", "postgres", "s3"], checks.Where(c => c.GetProperty("ok").GetBoolean()).Select(c => c.GetProperty("name").GetString()).Order());
        // The row the grain wrote at the heartbeat: it carries the time it changed, which the live answer does not.
        Assert.True(status.GetProperty("online").GetBoolean());
        Assert.Equal("agent-3", status.GetProperty("agentId").GetString());
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("changedAt").ValueKind);
        Assert.Equal(0, sessions.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task When_a_silo_is_back_the_gateway_calls_grains_again()
    {
        using var admin = host.ClientWithKey();
        await host.StopSiloAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.PostAsJsonAsync("/api/cameras/dock/recordings", new { })).StatusCode);

        // A new silo process of the same cluster: other ports, the same database.
        await host.Silo.StartAsync();
        var lastStatus = HttpStatusCode.ServiceUnavailable;
        await Eventually.WaitAsync(async () =>
        {
            lastStatus = (await admin.PostAsJsonAsync("/api/cameras/dock/recordings", new { durationSeconds = 5 })).StatusCode;
            return lastStatus == HttpStatusCode.Accepted;
        }, TimeSpan.FromSeconds(30), () => $"a manual recording to be accepted again (last {lastStatus})");
    }

    [Fact]
    public async Task A_configuration_change_saved_while_no_silo_was_there_is_told_to_its_grain_once_one_is()
    {
        using var admin = host.ClientWithKey();
        await host.StopSiloAsync();
        var created = await admin.PostAsJsonAsync("/api/sensors", new { id = "ds-dock", cameraId = "dock", name = "Dock" });
        // A repeated create is no way to tell the grain: the sensor exists.
        var repeated = await admin.PostAsJsonAsync("/api/sensors", new { id = "ds-dock", cameraId = "dock", name = "Dock" });

        await host.Silo.StartAsync();
        // Nothing else calls this sensor's grain: its state row appears because the gateway told it (a reload is stored).
        await Eventually.WaitAsync(async () =>
        {
            await using var command = host.Database.CreateCommand("SELECT count(*) FROM grain_states WHERE grain_id = 'sensor/ds-dock'");
            return (long)(await command.ExecuteScalarAsync())! == 1;
        }, TimeSpan.FromSeconds(30), () => "the sensor grain to be told about its creation");

        await AssertProblemAsync(created, "Saved, not yet applied");
        Assert.Equal(HttpStatusCode.Conflict, repeated.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string title)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
