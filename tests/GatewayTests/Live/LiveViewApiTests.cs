using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Testing;

namespace Platform.GatewayTests.Live;

[Collection(GatewayCollection.Name)]
public sealed class LiveViewApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private const string Playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.000000,\nseg-000000.ts\n";
    private static readonly CameraId Gate = CameraId.From("gate");

    private readonly GatewayHost host = new(kafka, postgres, s3);

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        using var admin = host.ClientWithKey();
        (await admin.PostAsJsonAsync("/api/sites", new { id = "north", name = "North" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/sites", new { id = "south", name = "South" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/cameras", new { id = "gate", name = "Gate", siteId = "north" })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => host.DisposeAsync();

    private async Task CameraOnlineAsync()
    {
        var heartbeat = await host.Silo.ProduceHeartbeatAsync(EdgeHeartbeats.Connected("agent-1", "gate", TimeProvider.System.GetUtcNow()));
        await host.Silo.WaitUntilAppliedAsync(host.Silo.StatusTopic, heartbeat);
    }

    private static async Task<JsonElement> WatchAsync(HttpClient client, string viewerId)
    {
        var response = await client.PostAsJsonAsync("/api/cameras/gate/live", new { viewerId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Viewers_share_one_edge_stream_read_its_files_through_the_gateway_and_the_last_to_leave_stops_it()
    {
        await CameraOnlineAsync();
        using var first = await host.ClientWithRoleAsync("viewer", "north");
        using var second = await host.ClientWithRoleAsync("viewer");

        var starting = await WatchAsync(first, "tab-0000001");
        var shared = await WatchAsync(second, "tab-0000002");

        var streamId = starting.GetProperty("streamId").GetString()!;
        Assert.Equal("starting", starting.GetProperty("state").GetString());
        Assert.Equal($"/api/cameras/gate/live/{streamId}/index.m3u8", starting.GetProperty("playlistUrl").GetString());
        Assert.Equal((streamId, 2), (shared.GetProperty("streamId").GetString(), shared.GetProperty("viewers").GetInt32()));
        var start = Assert.Single(await host.Silo.ReadLiveCommandsAsync(1));
        Assert.Equal((LiveViewCommand.StartLive, Gate, streamId), (start.Command, start.CameraId, start.StreamId));

        // The agent's upload, as it would make it; from now on the stream is live.
        using (var store = host.CreateS3Client())
        {
            await store.PutAsync(host.Bucket, LiveObjectKeys.Key(Gate, streamId, "seg-000000.ts"), [0x47, 1, 2, 3]);
            await store.PutAsync(host.Bucket, LiveObjectKeys.Key(Gate, streamId, LiveObjectKeys.Playlist), Encoding.UTF8.GetBytes(Playlist));
        }

        Assert.Equal("live", (await WatchAsync(first, "tab-0000001")).GetProperty("state").GetString());
        var playlist = await first.GetAsync(starting.GetProperty("playlistUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", playlist.Headers.CacheControl!.ToString());
        Assert.Equal(Playlist, await playlist.Content.ReadAsStringAsync());
        Assert.Equal([0x47, 1, 2, 3], await first.GetByteArrayAsync($"/api/cameras/gate/live/{streamId}/seg-000000.ts"));

        // Only the running stream and only the names the agent writes.
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/api/cameras/gate/live/{streamId}0/index.m3u8")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/api/cameras/gate/live/{streamId}/seg-1.ts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/api/cameras/gate/live/{streamId}/seg-000001.ts")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsJsonAsync("/api/cameras/gate/live/leave", new { viewerId = "tab-0000001" })).StatusCode);
        Assert.Single(await host.Silo.ReadLiveCommandsAsync(2, TimeSpan.FromSeconds(2)));
        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsJsonAsync("/api/cameras/gate/live/leave", new { viewerId = "tab-0000002" })).StatusCode);

        var commands = await host.Silo.ReadLiveCommandsAsync(2);
        Assert.Equal((LiveViewCommand.StopLive, streamId), (commands[1].Command, commands[1].StreamId));
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync(starting.GetProperty("playlistUrl").GetString())).StatusCode);
    }

    [Fact]
    public async Task A_camera_no_agent_reports_is_unavailable_with_the_reason_and_no_stream_is_asked_for()
    {
        using var viewer = await host.ClientWithRoleAsync("viewer");

        var answer = await WatchAsync(viewer, "tab-0000001");

        Assert.Equal("unavailable", answer.GetProperty("state").GetString());
        Assert.Equal("No edge agent has reported this camera yet.", answer.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("playlistUrl").ValueKind);
        Assert.Empty(await host.Silo.ReadLiveCommandsAsync(1, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Another_sites_key_finds_neither_the_live_view_nor_its_files_and_a_bad_viewer_id_is_named()
    {
        await CameraOnlineAsync();
        using var north = await host.ClientWithRoleAsync("viewer", "north");
        using var south = await host.ClientWithRoleAsync("viewer", "south");
        var streamId = (await WatchAsync(north, "tab-0000001")).GetProperty("streamId").GetString();

        var watch = await south.PostAsJsonAsync("/api/cameras/gate/live", new { viewerId = "tab-0000009" });
        var file = await south.GetAsync($"/api/cameras/gate/live/{streamId}/index.m3u8");
        var leave = await south.PostAsJsonAsync("/api/cameras/gate/live/leave", new { viewerId = "tab-0000001" });
        var bad = await north.PostAsJsonAsync("/api/cameras/gate/live", new { viewerId = "../x" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (watch.StatusCode, file.StatusCode, leave.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Required: 8 to 64 letters", problem.GetProperty("errors").GetProperty("viewerId")[0].GetString(), StringComparison.Ordinal);
        // The south key's leave changed nothing: the north viewer still holds the stream.
        Assert.Equal(1, (await WatchAsync(north, "tab-0000001")).GetProperty("viewers").GetInt32());
    }
}
