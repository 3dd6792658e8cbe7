using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.GatewayTests.Agents;

/// <summary>
/// Cameras defined in the API, recorded by a real edge agent that only knows its id and config key: the whole way from
/// POST /api/cameras through the agent grain, edge.config and the agent's recorder to a clip in S3, with a real
/// gateway, silo, PostgreSQL, broker, S3 server and RTSP camera.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ManagedCameraTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly RtspCameraOptions CameraOptions = new()
    {
        Width = 640, Height = 360, FramesPerSecond = 25, GopSeconds = 1, BitrateKbps = 600, Mounts = ["dock", "yard"],
    };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3).With("Logging:LogLevel:Default", "Warning");
    private readonly TempDirectory agentDirectory = new("managed-agent");
    private RtspCameraServer? camera;

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        camera = await RtspCameraServer.StartAsync(CameraOptions);
        using var admin = host.ClientWithKey();
        (await admin.PostAsJsonAsync("/api/sites", new { id = "port", name = "Port" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (camera is not null)
        {
            await camera.DisposeAsync();
        }

        await host.DisposeAsync();
        agentDirectory.Dispose();
    }

    [Fact]
    public async Task A_camera_created_in_the_API_records_on_its_agent_gives_a_clip_and_continuous_spans_stops_when_deleted_and_an_offline_agent_catches_up()
    {
        using var admin = host.ClientWithKey();
        var key = await RegisterAsync(admin, "edge-port");

        // Created while the agent is not running: the API says so, and the agent records it once it starts.
        await CreateAsync(admin, "yard");
        var beforeAgent = await StateAsync(admin, "yard");
        var agent = await EdgeAgentHost.StartAsync(host, kafka, s3, [], "edge-port", key, agentDirectory.Path);
        try
        {
            var caughtUp = await WaitForStateAsync(admin, "yard", "recording");

            var created = Stopwatch.StartNew();
            await CreateAsync(admin, "dock", continuous: true);
            var recording = await WaitForStateAsync(admin, "dock", "recording");
            var createdToRecording = created.Elapsed;

            var session = await (await admin.PostAsJsonAsync("/api/cameras/dock/recordings", new { durationSeconds = 3, preRollSeconds = 2 }))
                .Content.ReadFromJsonAsync<JsonElement>();
            var clip = await WaitForClipAsync(admin, "dock");
            var span = await WaitForSpanAsync(admin, "dock");
            // The gateway answers with a presigned URL of the clip's object; the bytes come from S3 itself.
            var content = await admin.GetAsync($"/api/clips/{clip.GetProperty("id").GetString()}/content");
            using var direct = new HttpClient();
            var video = await direct.GetByteArrayAsync(content.Headers.Location);

            (await admin.DeleteAsync("/api/cameras/dock")).EnsureSuccessStatusCode();
            var gone = await WaitForAgentAsync(admin, "edge-port", a => !Reported(a).Contains("dock"));

            Assert.Equal("agent-never-seen", beforeAgent.GetProperty("state").GetString());
            Assert.Equal("cloud", caughtUp.GetProperty("reported").GetProperty("source").GetString());
            Assert.Equal("edge-port", recording.GetProperty("reportedBy").GetString());
            Assert.True(recording.GetProperty("reported").GetProperty("connected").GetBoolean());
            Assert.Equal(session.GetProperty("sessionId").GetString(), clip.GetProperty("sessionId").GetString());
            Assert.Equal(HttpStatusCode.Found, content.StatusCode);
            Assert.Equal(clip.GetProperty("sizeBytes").GetInt64(), video.Length);
            Assert.True(video.Length > 10_000, $"{video.Length} bytes");
            Assert.Equal(["yard"], Reported(gone));
            Assert.True(span.GetProperty("segments").GetInt32() >= 1);
            Assert.True(recording.GetProperty("reported").GetProperty("continuous").GetBoolean());
            output.WriteLine($"API create to recording (heartbeat connected): {createdToRecording.TotalSeconds:F1} s");
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    private async Task CreateAsync(HttpClient admin, string id, bool continuous = false)
    {
        var response = await admin.PostAsJsonAsync("/api/cameras", new
        {
            id, siteId = "port", name = id, agentId = "edge-port", sourceUrl = camera!.Url(id).AbsoluteUri, segmentSeconds = 1, cacheSeconds = 20,
            continuous,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> RegisterAsync(HttpClient admin, string id)
    {
        var response = await admin.PostAsJsonAsync("/api/agents", new { id, siteId = "port", name = id });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("configKey").GetString()!;
    }

    private static async Task<JsonElement> StateAsync(HttpClient client, string cameraId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/cameras/{cameraId}/edge");

    private static Task<JsonElement> WaitForStateAsync(HttpClient client, string cameraId, string state) =>
        WaitForAsync(client, $"/api/cameras/{cameraId}/edge", s => s.GetProperty("state").GetString() == state ? s : null, $"{cameraId} to be {state}");

    private static Task<JsonElement> WaitForClipAsync(HttpClient client, string cameraId) =>
        WaitForAsync(client, $"/api/clips?cameraId={cameraId}", page => First(page.GetProperty("items")), $"a clip of {cameraId}");

    /// <summary>The first span of the camera's continuous recording, once one segment is uploaded and catalogued.</summary>
    private static Task<JsonElement> WaitForSpanAsync(HttpClient client, string cameraId) =>
        WaitForAsync(client, $"/api/cameras/{cameraId}/continuous/spans", First, $"continuous recording of {cameraId}");

    private static Task<JsonElement> WaitForAgentAsync(HttpClient client, string agentId, Func<JsonElement, bool> done) =>
        WaitForAsync(client, $"/api/agents/{agentId}", a => done(a) ? a : null, $"agent {agentId} to get there");

    /// <summary>Asks <paramref name="path"/> until <paramref name="pick"/> finds what the test waits for, within <see cref="Patience"/>.</summary>
    private static async Task<JsonElement> WaitForAsync(HttpClient client, string path, Func<JsonElement, JsonElement?> pick, string what)
    {
        JsonElement last = default;
        JsonElement? found = null;
        await Eventually.WaitAsync(async () =>
        {
            last = await client.GetFromJsonAsync<JsonElement>(path);
            found = pick(last);
            return found is not null;
        }, Patience, () => $"{what} (last answer: {last})");
        return found!.Value;
    }

    private static JsonElement? First(JsonElement array) =>
        array.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } item ? item : null;

    private static string[] Reported(JsonElement agent) => agent.GetProperty("reported") is { ValueKind: JsonValueKind.Object } reported
        ? [.. reported.GetProperty("cameras").EnumerateArray().Select(c => c.GetProperty("cameraId").GetString()!)]
        : [];
}
