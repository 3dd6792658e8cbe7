using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Agents;

/// <summary>Registering edge agents, naming them on cameras, and the camera sets their grains send on edge.config.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EdgeAgentApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private const string Password = "s3cret-Pa55:w/ord";
    private readonly GatewayHost host = new(kafka, postgres, s3);

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        using var admin = host.ClientWithKey();
        foreach (var site in new[] { "north", "south" })
        {
            (await admin.PostAsJsonAsync("/api/sites", new { id = site, name = site })).EnsureSuccessStatusCode();
        }
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_camera_reaches_its_agent_on_edge_config_with_the_password_sealed_for_that_agent_only_and_never_shown()
    {
        using var admin = host.ClientWithKey();
        var key = await RegisterAsync(admin, "edge-n1", "north");
        var shown = await admin.GetStringAsync("/api/agents/edge-n1");

        var created = await admin.PostAsJsonAsync("/api/cameras", new
        {
            id = "door", siteId = "north", name = "Door", agentId = "edge-n1", sourceUrl = "rtsp://10.0.0.5:554/stream1",
            rtspUsername = "viewer", rtspPassword = Password, continuous = true, segmentSeconds = 4, cacheSeconds = 60,
        });
        var config = Assert.Single(await host.Silo.ReadConfigsAsync(1));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(EdgeSecretBox.IsKey(key));
        Assert.DoesNotContain("configKey", shown, StringComparison.Ordinal);
        Assert.Equal("edge-n1", config.AgentId);
        Assert.Equal(2, config.Version); // registered at 1, the camera moved it on
        var camera = Assert.Single(config.Cameras);
        Assert.Equal(new CameraId("door"), camera.CameraId);
        Assert.Equal(("rtsp://10.0.0.5:554/stream1", "viewer", true, 4.0, 60.0), (camera.SourceUrl, camera.Username, camera.Continuous, camera.SegmentSeconds, camera.CacheSeconds));
        Assert.DoesNotContain(Password, JsonSerializer.Serialize(config, EdgeJsonContext.Default.EdgeAgentConfig), StringComparison.Ordinal);
        Assert.Equal(Password, EdgeSecretBox.Open(key, "edge-n1", "door", camera.SealedPassword!));
        Assert.Null(EdgeSecretBox.Open(key, "edge-n2", "door", camera.SealedPassword!));
        Assert.Null(EdgeSecretBox.Open(EdgeSecretBox.NewKey(), "edge-n1", "door", camera.SealedPassword!));
        foreach (var path in new[] { "/api/cameras/door", "/api/cameras?siteId=north", "/api/agents", "/api/cameras/door/edge" })
        {
            var body = await admin.GetStringAsync(path);
            Assert.DoesNotContain("s3cret", body, StringComparison.Ordinal);
        }

        var read = await admin.GetFromJsonAsync<JsonElement>("/api/cameras/door");
        Assert.True(read.GetProperty("hasRtspPassword").GetBoolean());
        Assert.Equal("edge-n1", read.GetProperty("agentId").GetString());
    }

    [Fact]
    public async Task A_camera_moved_between_agents_leaves_one_and_reaches_the_other_keeping_its_password()
    {
        using var admin = host.ClientWithKey();
        var keyA = await RegisterAsync(admin, "edge-a", "north");
        var keyB = await RegisterAsync(admin, "edge-b", "north");
        var body = new { id = "yard", siteId = "north", name = "Yard", agentId = "edge-a", sourceUrl = "rtsp://cam/yard", rtspUsername = "u", rtspPassword = Password };
        (await admin.PostAsJsonAsync("/api/cameras", body)).EnsureSuccessStatusCode();

        // No password in the body: the stored one stays.
        var moved = await admin.PutAsJsonAsync("/api/cameras/yard", new { siteId = "north", name = "Yard", agentId = "edge-b", sourceUrl = "rtsp://cam/yard", rtspUsername = "u" });
        var configs = await host.Silo.ReadConfigsAsync(3);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var toA = configs.Where(c => c.AgentId == "edge-a").ToList();
        var toB = Assert.Single(configs, c => c.AgentId == "edge-b");
        Assert.Equal([1, 0], toA.Select(c => c.Cameras.Count));
        Assert.True(toA[1].Version > toA[0].Version);
        Assert.Equal(Password, EdgeSecretBox.Open(keyB, "edge-b", "yard", Assert.Single(toB.Cameras).SealedPassword!));
        Assert.Null(EdgeSecretBox.Open(keyA, "edge-a", "yard", Assert.Single(toB.Cameras).SealedPassword!));

        // "" removes it.
        (await admin.PutAsJsonAsync("/api/cameras/yard", new { siteId = "north", name = "Yard", agentId = "edge-b", sourceUrl = "rtsp://cam/yard", rtspUsername = "u", rtspPassword = "" }))
            .EnsureSuccessStatusCode();
        var cleared = (await host.Silo.ReadConfigsAsync(4)).Last(c => c.AgentId == "edge-b");
        Assert.Null(Assert.Single(cleared.Cameras).SealedPassword);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>("/api/cameras/yard")).GetProperty("hasRtspPassword").GetBoolean());
    }

    [Fact]
    public async Task Bad_agents_and_cameras_get_a_problem_naming_the_field_and_nothing_is_sent()
    {
        using var admin = host.ClientWithKey();
        await RegisterAsync(admin, "edge-s", "south");
        var camera = (string id, object? agentId, string? sourceUrl, bool continuous) =>
            admin.PostAsJsonAsync("/api/cameras", new { id, siteId = "north", name = id, agentId, sourceUrl, continuous });

        var cases = new (Task<HttpResponseMessage> Request, string Field, string Says)[]
        {
            (camera("c1", "edge-nobody", "rtsp://cam/1", false), "agentId", "No edge agent 'edge-nobody' is registered"),
            (camera("c2", "edge-s", "rtsp://cam/2", false), "agentId", "belongs to site 'south'"),
            (camera("c3", null, "rtsp://cam/3", true), "continuous", "set agentId"),
            (admin.PostAsJsonAsync("/api/agents", new { id = "edge-x", name = "x" }), "siteId", "Required"),
            (admin.PostAsJsonAsync("/api/agents", new { id = "edge-y", siteId = "nowhere", name = "y" }), "siteId", "No site 'nowhere'"),
        };
        await RegisterAsync(admin, "edge-n", "north");
        var moreCases = new (Task<HttpResponseMessage> Request, string Field, string Says)[]
        {
            (camera("c4", "edge-n", "http://cam/4", false), "sourceUrl", "rtsp://"),
            (camera("c5", "edge-n", "rtsp://admin:hunter2@cam/5", false), "sourceUrl", "rtspUsername and rtspPassword"),
            (camera("c6", "edge-n", null, false), "sourceUrl", "Required"),
        };

        foreach (var (request, field, says) in cases.Concat(moreCases))
        {
            var response = await request;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            var messages = JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty(field);
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(says, StringComparison.Ordinal));
            Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        }

        (await camera("c7", "edge-n", "rtsp://cam/7", false)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await camera("c7", "edge-n", "rtsp://cam/7", false)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/agents", new { id = "edge-n", siteId = "north", name = "again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/agents/edge-n")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/agents/edge-s")).StatusCode);
        // Only the valid camera went out: one message, for edge-n (asking for two waits a while for a second).
        var sent = Assert.Single(await host.Silo.ReadConfigsAsync(2, TimeSpan.FromSeconds(3)));
        Assert.Equal("edge-n", sent.AgentId);
        Assert.Equal(["c7"], sent.Cameras.Select(c => c.CameraId.Value));
    }

    [Fact]
    public async Task The_edge_state_follows_the_agent_from_never_seen_to_pending_to_refused_to_recording_and_agents_list_their_heartbeat()
    {
        using var admin = host.ClientWithKey();
        using var viewer = await host.ClientWithRoleAsync("viewer");
        await RegisterAsync(admin, "edge-e", "north");
        (await admin.PostAsJsonAsync("/api/cameras", new { id = "dock", siteId = "north", name = "Dock", agentId = "edge-e", sourceUrl = "rtsp://cam/dock" }))
            .EnsureSuccessStatusCode();
        var unassigned = await admin.PostAsJsonAsync("/api/cameras", new { id = "loose", siteId = "north", name = "Loose" });
        unassigned.EnsureSuccessStatusCode();

        var neverSeen = await StateAsync(viewer, "dock");
        await HeartbeatAsync("edge-e", configVersion: 1, cameras: []);
        var pending = await StateAsync(viewer, "dock");
        await HeartbeatAsync("edge-e", configVersion: 2, cameras: [Camera("dock", connected: false, EdgeCameraProblems.Unauthorized, "rtsp://***@cam/dock: 401 Unauthorized")]);
        var refused = await StateAsync(viewer, "dock");
        var refusedAgent = await viewer.GetFromJsonAsync<JsonElement>("/api/agents/edge-e");
        await HeartbeatAsync("edge-standalone", configVersion: null, cameras: [Camera("shed", connected: true, null, null)]);
        var unregistered = await admin.GetFromJsonAsync<JsonElement>("/api/agents/unregistered");
        await HeartbeatAsync("edge-e", configVersion: 2, cameras: [Camera("dock", connected: true, null, null)]);
        var recording = await StateAsync(viewer, "dock");
        var agents = await viewer.GetFromJsonAsync<JsonElement>("/api/agents?siteId=north");

        Assert.Equal(("agent-never-seen", false), (neverSeen.GetProperty("state").GetString(), neverSeen.GetProperty("agentOnline").GetBoolean()));
        Assert.Equal("pending", pending.GetProperty("state").GetString());
        Assert.Contains("version 2 is on its way", pending.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("not-recording", refused.GetProperty("state").GetString());
        Assert.Contains("refused the user name and password", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("refused the user name and password",
            refusedAgent.GetProperty("reported").GetProperty("problemReasons").GetProperty("dock").GetString(), StringComparison.Ordinal);
        var standalone = Assert.Single(unregistered.EnumerateArray());
        Assert.Equal(("edge-standalone", true, "shed"), (standalone.GetProperty("agentId").GetString(), standalone.GetProperty("online").GetBoolean(),
            Assert.Single(standalone.GetProperty("reported").GetProperty("cameras").EnumerateArray()).GetProperty("cameraId").GetString()));
        Assert.Equal(("recording", true, 2L), (recording.GetProperty("state").GetString(), recording.GetProperty("agentOnline").GetBoolean(),
            recording.GetProperty("appliedConfigVersion").GetInt64()));
        Assert.Equal("no-agent", (await StateAsync(viewer, "loose")).GetProperty("state").GetString());
        var listed = Assert.Single(agents.GetProperty("items").EnumerateArray());
        Assert.Equal(("edge-e", true, true, 1), (listed.GetProperty("id").GetString(), listed.GetProperty("online").GetBoolean(),
            listed.GetProperty("configApplied").GetBoolean(), listed.GetProperty("cameras").GetInt32()));
        Assert.Equal(123_456_789L, listed.GetProperty("reported").GetProperty("diskFreeBytes").GetInt64());
    }

    private static async Task<string> RegisterAsync(HttpClient admin, string id, string siteId)
    {
        var response = await admin.PostAsJsonAsync("/api/agents", new { id, siteId, name = $"Box {id}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("configKey").GetString()!;
    }

    private static async Task<JsonElement> StateAsync(HttpClient client, string cameraId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/cameras/{cameraId}/edge");

    private async Task HeartbeatAsync(string agentId, long? configVersion, IReadOnlyList<EdgeCameraStatus> cameras)
    {
        var at = TimeProvider.System.GetUtcNow();
        var offset = await host.Silo.ProduceHeartbeatAsync(new EdgeAgentStatus
        {
            MessageId = $"{agentId}-{at.ToUnixTimeMilliseconds()}",
            OccurredAt = at,
            AgentId = agentId,
            Version = "test",
            Cameras = cameras,
            SpoolCount = 0,
            SpoolBytes = 0,
            DiskFreeBytes = 123_456_789,
            ConfigVersion = configVersion,
        });
        await host.Silo.WaitUntilAppliedAsync(host.Silo.StatusTopic, offset);
    }

    private static EdgeCameraStatus Camera(string id, bool connected, string? problem, string? error) => new()
    {
        CameraId = new CameraId(id),
        Connected = connected,
        CacheSeconds = connected ? 30 : 0,
        Restarts = 0,
        Recording = false,
        Source = EdgeCameraStatus.CloudSource,
        Problem = problem,
        LastError = error,
    };
}
