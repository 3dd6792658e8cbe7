using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Testing;

namespace Platform.GatewayTests.Recordings;

[Collection(GatewayCollection.Name)]
public sealed class RecordingApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
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
    public async Task A_manual_start_is_accepted_with_the_session_id_the_camera_grain_will_use()
    {
        using var @operator = await host.ClientWithRoleAsync("operator");

        var response = await @operator.PostAsJsonAsync("/api/cameras/dock/recordings", new { durationSeconds = 20, preRollSeconds = 3 });
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var stop = await @operator.PostAsync("/api/cameras/dock/recordings/stop", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sessionId = accepted.GetProperty("sessionId").GetString();
        Assert.Equal($"/api/recordings/{sessionId}", response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        var sent = (await ControlTopic.ReadAsync(host, 3)).Where(e => e.GrainKey.Value == "camera/dock").Select(e => e.Message).ToList();
        var record = Assert.IsType<RecordRequested>(sent[^2]);
        Assert.Equal(sessionId, record.RequestedSessionId?.Value);
        Assert.Equal(TimeSpan.FromSeconds(20), record.PostRoll);
        Assert.Equal(TimeSpan.FromSeconds(3), record.PreRoll);
        Assert.Null(record.RuleId);
        Assert.IsType<StopRecordingRequested>(sent[^1]);
    }

    [Fact]
    public async Task Bad_requests_unknown_cameras_and_viewers_are_refused()
    {
        using var admin = host.ClientWithKey();
        using var viewer = await host.ClientWithRoleAsync("viewer");

        var invalid = await admin.PostAsJsonAsync("/api/cameras/dock/recordings", new { durationSeconds = 0, preRollSeconds = 9999, container = "avi" });
        var unknown = await admin.PostAsJsonAsync("/api/cameras/nowhere/recordings", new { });
        var forbidden = await viewer.PostAsJsonAsync("/api/cameras/dock/recordings", new { });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["container", "durationSeconds", "preRollSeconds"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Sessions_are_listed_newest_first_with_filters()
    {
        var start = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            await using var insert = host.Database.CreateCommand(
                """
                INSERT INTO recording_sessions (id, camera_id, status, start_at, end_at, max_end_at, rule_id, container, extensions)
                VALUES ($1, $2, 'closed', $3, $3 + interval '15 seconds', $3 + interval '5 minutes', $4, 'mp4', 0)
                """);
            insert.Parameters.Add(new() { Value = $"ses-{i}" });
            insert.Parameters.Add(new() { Value = i % 2 == 0 ? "dock" : "gate" });
            insert.Parameters.Add(new() { Value = start.AddMinutes(i) });
            insert.Parameters.Add(new() { Value = i == 4 ? "rule-x" : DBNull.Value });
            await insert.ExecuteNonQueryAsync();
        }

        using var viewer = await host.ClientWithRoleAsync("viewer");
        var dock = await viewer.GetFromJsonAsync<JsonElement>("/api/recordings?cameraId=dock");
        var byRule = await viewer.GetFromJsonAsync<JsonElement>("/api/recordings?ruleId=rule-x");
        var window = await viewer.GetFromJsonAsync<JsonElement>($"/api/recordings?from={Uri.EscapeDataString(start.AddMinutes(1).ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(3).ToString("O"))}");

        Assert.Equal(["ses-4", "ses-2", "ses-0"], Ids(dock));
        Assert.Equal(["ses-4"], Ids(byRule));
        Assert.Equal(["ses-2", "ses-1"], Ids(window));
    }

    private static IEnumerable<string?> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString());
}
