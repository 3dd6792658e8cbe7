using System.Net.Http.Json;
using System.Text.Json;
using Platform.Grains.Interfaces.Grains;
using Platform.Testing;

namespace Platform.GatewayTests.Cameras;

[Collection(GatewayCollection.Name)]
public sealed class CameraStatusTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new(kafka, postgres, s3);

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        using var admin = host.ClientWithKey();
        (await admin.PostAsJsonAsync("/api/cameras", new { id = "gate", name = "Gate" })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task The_status_is_the_camera_grains_live_state_from_the_last_heartbeat_and_its_open_session()
    {
        using var admin = host.ClientWithKey();
        using var viewer = await host.ClientWithRoleAsync("viewer");
        var now = TimeProvider.System.GetUtcNow();
        var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)); // the heartbeat's precision

        var unheard = await viewer.GetFromJsonAsync<JsonElement>("/api/cameras/gate/status");
        var heartbeat = await host.Silo.ProduceHeartbeatAsync(EdgeHeartbeats.Connected("agent-7", "gate", at, cacheSeconds: 42.5));
        await host.Silo.WaitUntilAppliedAsync(host.Silo.StatusTopic, heartbeat);
        // The grain stored the heartbeat in camera_status too; spoil that row: the answer must not come from it.
        await using (var spoil = host.Database.CreateCommand("UPDATE camera_status SET agent_id = 'stale-row', cache_seconds = 0 WHERE camera_id = 'gate'"))
        {
            Assert.Equal(1, await spoil.ExecuteNonQueryAsync());
        }

        var recording = await admin.PostAsJsonAsync("/api/cameras/gate/recordings", new { durationSeconds = 60 });
        var sessionId = (await recording.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();
        var status = await viewer.GetFromJsonAsync<JsonElement>("/api/cameras/gate/status");
        var live = await host.Cluster.GetGrain<ICameraGrain>("gate").GetLiveState();

        Assert.False(unheard.GetProperty("online").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unheard.GetProperty("lastHeartbeatAt").ValueKind);
        Assert.True(status.GetProperty("online").GetBoolean());
        Assert.True(status.GetProperty("connected").GetBoolean());
        Assert.Equal(at, status.GetProperty("lastHeartbeatAt").GetDateTimeOffset());
        Assert.Equal("agent-7", status.GetProperty("agentId").GetString());
        Assert.Equal(42.5, status.GetProperty("cacheSeconds").GetDouble());
        Assert.Equal(sessionId, status.GetProperty("openSessionId").GetString());
        Assert.Equal(live.OpenSessionId?.Value, sessionId);
        Assert.Equal(live.LastHeartbeatAt, status.GetProperty("lastHeartbeatAt").GetDateTimeOffset());
    }
}
