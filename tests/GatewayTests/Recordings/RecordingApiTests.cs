using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Grains.Interfaces.Edge;
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
    public async Task A_manual_start_is_stored_by_the_camera_grain_before_the_answer_and_commands_the_edge_with_that_session()
    {
        using var @operator = await host.ClientWithRoleAsync("operator");

        var response = await @operator.PostAsJsonAsync("/api/cameras/dock/recordings", new { durationSeconds = 20, preRollSeconds = 3 });
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = accepted.GetProperty("sessionId").GetString();
        // No waiting: the grain answers once the session row is written with its state.
        var stored = await @operator.GetFromJsonAsync<JsonElement>($"/api/recordings/{sessionId}");
        var command = Assert.Single(await host.Silo.ReadCommandsAsync(1));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/recordings/{sessionId}", response.Headers.Location?.ToString());
        Assert.Equal("dock", stored.GetProperty("cameraId").GetString());
        Assert.Equal("open", stored.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("ruleId").ValueKind);
        Assert.Equal(TimeSpan.FromSeconds(23), stored.GetProperty("endAt").GetDateTimeOffset() - stored.GetProperty("startAt").GetDateTimeOffset());
        Assert.Equal(SmartRecordCommand.StartRecording, command.Command);
        Assert.Equal(sessionId, command.SessionId?.Value);
        Assert.Equal("dock", command.CameraId?.Value);
        Assert.Null(command.RuleId);
        // The camera has no device name of its own: DeepStream knows it by its id.
        Assert.Equal("dock", command.Sensor.Id);
        Assert.Equal(Milliseconds(stored.GetProperty("startAt")), command.Start);
        Assert.Equal(Milliseconds(stored.GetProperty("endAt")), command.End);
    }

    [Fact]
    public async Task A_stop_answers_with_the_session_it_ended_closes_it_and_commands_the_edge_to_stop()
    {
        using var @operator = await host.ClientWithRoleAsync("operator");
        var started = await (await @operator.PostAsJsonAsync("/api/cameras/dock/recordings", new { durationSeconds = 600 })).Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = started.GetProperty("sessionId").GetString();

        var stop = await @operator.PostAsync("/api/cameras/dock/recordings/stop", null);
        var stopped = await stop.Content.ReadFromJsonAsync<JsonElement>();
        var stored = await @operator.GetFromJsonAsync<JsonElement>($"/api/recordings/{sessionId}");
        var commands = await host.Silo.ReadCommandsAsync(2);
        var again = await @operator.PostAsync("/api/cameras/dock/recordings/stop", null);

        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        Assert.Equal(sessionId, stopped.GetProperty("sessionId").GetString());
        Assert.Equal($"/api/recordings/{sessionId}", stop.Headers.Location?.ToString());
        Assert.Equal("closed", stored.GetProperty("status").GetString());
        Assert.Equal("stopped", stored.GetProperty("closeReason").GetString());
        Assert.Equal([SmartRecordCommand.StartRecording, SmartRecordCommand.StopRecording], commands.Select(c => c.Command));
        Assert.All(commands, c => Assert.Equal(sessionId, c.SessionId?.Value));
        // The edge cuts the clip up to the stop, not to the requested end ten minutes later.
        Assert.True(commands[1].End < commands[0].End, $"stop at {commands[1].End:O}, start asked until {commands[0].End:O}");
        Assert.Equal(Milliseconds(stored.GetProperty("endAt")), commands[1].End);
        // Nothing is open any more: a second stop ends nothing and says so.
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").ValueKind);
        Assert.Null(again.Headers.Location);
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

    // Commands carry DeepStream's millisecond times; the database keeps microseconds.
    private static DateTimeOffset Milliseconds(JsonElement time)
    {
        var value = time.GetDateTimeOffset();
        return value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static IEnumerable<string?> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString());
}
