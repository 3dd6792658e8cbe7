using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Grains.Interfaces.Edge;
using Platform.Testing;

namespace Platform.GatewayTests.Configuration;

[Collection(GatewayCollection.Name)]
public sealed class ConfigurationApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private const string Zone = """{"id":"door","name":"Door","polygon":[{"x":0,"y":0},{"x":100,"y":0},{"x":100,"y":100},{"x":0,"y":100}]}""";

    private readonly GatewayHost host = new(kafka, postgres, s3);

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Cameras_and_sensors_are_saved_and_a_changed_device_name_is_used_by_the_active_camera_grain_at_once()
    {
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/sites", new { id = "shop", name = "Shop" });

        var camera = await admin.PostAsJsonAsync("/api/cameras",
            new { id = "cam-1", siteId = "shop", name = "Entrance", deviceSensorId = "entrance-a", sourceUrl = "rtsp://10.0.0.5/stream", retentionDays = 7 });
        var sensor = await Post(admin, "/api/sensors", $$"""{"id":"ds-1","siteId":"shop","cameraId":"cam-1","name":"Entrance","zones":[{{Zone}}]}""");
        // The camera grain is active from here on (its creation activated it): this recording shows the name it uses.
        var before = await admin.PostAsJsonAsync("/api/cameras/cam-1/recordings", new { durationSeconds = 5 });
        var renamed = await admin.PutAsJsonAsync("/api/cameras/cam-1", new { siteId = "shop", name = "Front door", deviceSensorId = "entrance-b", retentionDays = 14 });
        var after = await admin.PostAsJsonAsync("/api/cameras/cam-1/recordings", new { durationSeconds = 5 });
        var stored = await admin.GetFromJsonAsync<JsonElement>("/api/sensors/ds-1");
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/cameras?siteId=shop");
        var inUse = await admin.DeleteAsync("/api/cameras/cam-1");
        // The second recording supersedes the first: start, stop of the first, start of the second.
        var starts = (await host.Silo.ReadCommandsAsync(3)).Where(c => c.Command == SmartRecordCommand.StartRecording).ToList();

        Assert.Equal(HttpStatusCode.Created, camera.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sensor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(14, (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retentionDays").GetInt32());
        Assert.Equal("door", stored.GetProperty("zones")[0].GetProperty("id").GetString());
        Assert.Equal(100, stored.GetProperty("zones")[0].GetProperty("polygon")[2].GetProperty("x").GetDouble());
        Assert.Equal(["cam-1"], listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Equal([await SessionOf(before), await SessionOf(after)], starts.Select(c => c.SessionId?.Value));
        Assert.Equal(["entrance-a", "entrance-b"], starts.Select(c => c.Sensor.Id));
    }

    [Fact]
    public async Task Invalid_cameras_and_sensors_name_each_field()
    {
        using var admin = host.ClientWithKey();

        var camera = await admin.PostAsJsonAsync("/api/cameras", new { id = "cam/../x", name = "", siteId = "nowhere", sourceUrl = "not a url", retentionDays = 0 });
        var sensor = await Post(admin, "/api/sensors",
            """{"id":"ds-2","name":"S","cameraId":"ghost","zones":[{"id":"z","name":"Z","polygon":[{"x":0,"y":0},{"x":1,"y":1}]}],"lines":[{"id":"l","name":"L","a":{"x":5,"y":5},"b":{"x":5,"y":5}}]}""");

        Assert.Equal(["id", "name", "retentionDays", "siteId", "sourceUrl"], await Fields(camera));
        var fields = await Fields(sensor);
        Assert.Contains("cameraId", fields);
        Assert.Contains(fields, f => f.StartsWith("zones[0].", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("lines[0]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zones_must_lie_in_the_sensors_frame_which_is_1920_by_1080_unless_given()
    {
        using var admin = host.ClientWithKey();
        const string FarZone = """{"id":"far","name":"Far","polygon":[{"x":0,"y":0},{"x":99999,"y":0},{"x":3000,"y":2000}]}""";

        var outside = await Post(admin, "/api/sensors", $$"""{"id":"ds-far","name":"Far","zones":[{{FarZone}}]}""");
        var body = await outside.Content.ReadAsStringAsync();
        var fourK = await Post(admin, "/api/sensors",
            """{"id":"ds-4k","name":"4K","frameWidth":3840,"frameHeight":2160,"zones":[{"id":"z","name":"Z","polygon":[{"x":0,"y":0},{"x":3840,"y":0},{"x":3000,"y":2160}]}]}""");
        var stored = await admin.GetFromJsonAsync<JsonElement>("/api/sensors/ds-4k");
        var plain = await Post(admin, "/api/sensors", """{"id":"ds-plain","name":"Plain"}""");

        Assert.Equal(["zones[0].polygon[1]", "zones[0].polygon[2]"], await Fields(outside));
        Assert.Contains("(99999, 0) is outside the sensor's 1920×1080 frame", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, fourK.StatusCode);
        Assert.Equal((3840, 2160), (stored.GetProperty("frameWidth").GetInt32(), stored.GetProperty("frameHeight").GetInt32()));
        var created = await plain.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1920, 1080), (created.GetProperty("frameWidth").GetInt32(), created.GetProperty("frameHeight").GetInt32()));
    }

    [Fact]
    public async Task Rules_are_validated_by_path_saved_and_toggled_and_the_active_sensor_grain_applies_each_change_to_the_next_detection()
    {
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-r", name = "Yard" });
        await Post(admin, "/api/sensors", $$"""{"id":"ds-r","cameraId":"cam-r","name":"Yard","zones":[{{Zone}}]}""");
        var now = TimeProvider.System.GetUtcNow();
        var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)); // DeepStream's precision
        // The sensor grain is active from here on, with no rule: a person entering the door fires nothing.
        await DetectAsync(at, "1|10|10|50|50|Person");

        var invalid = await Post(admin, "/api/rules", """
            {"id":"loiter","name":"Loitering","sensorIds":["ds-r","ds-missing"],
             "condition":{"type":"dwell","zoneId":"nowhere","minimum":"00:00:30"},
             "actions":[{"type":"record","cameraId":"cam-r","preRoll":"01:00:00"}]}
            """);
        var untyped = await Post(admin, "/api/rules", """{"id":"x","name":"x","sensorIds":["ds-r"],"condition":{"zoneId":"door"}}""");
        var created = await Post(admin, "/api/rules", """
            {"id":"person-at-door","name":"Person at door","sensorIds":["ds-r"],
             "condition":{"type":"object-in-zone","zoneId":"door","classes":["Person"],"trigger":"on-enter"},
             "actions":[{"type":"record","cameraId":"cam-r"},{"type":"alert","severity":"warning","messageTemplate":"{class} at {zone}"}]}
            """);
        await DetectAsync(at.AddSeconds(1), "2|10|10|50|50|Person");
        var disabled = await admin.PostAsync("/api/rules/person-at-door/disable", null);
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/rules/person-at-door");
        var onlyEnabled = await admin.GetFromJsonAsync<JsonElement>("/api/rules?enabled=true");
        await DetectAsync(at.AddSeconds(2), "3|10|10|50|50|Person");
        var enabled = await admin.PostAsync("/api/rules/person-at-door/enable", null);
        await DetectAsync(at.AddSeconds(3), "4|10|10|50|50|Person");
        var alerts = await admin.GetFromJsonAsync<JsonElement>("/api/alerts?ruleId=person-at-door");
        var commands = await host.Silo.ReadCommandsAsync(2);

        var fields = await Fields(invalid);
        Assert.Contains("sensorIds[1]", fields);
        Assert.Contains("condition.zoneId", fields);
        Assert.Contains("actions[0].preRoll", fields);
        Assert.Equal(["condition.type"], await Fields(untyped));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.False(read.GetProperty("enabled").GetBoolean());
        Assert.Equal("object-in-zone", read.GetProperty("condition").GetProperty("type").GetString());
        Assert.Equal(0, onlyEnabled.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        // Person 1 came before the rule, person 3 while it was disabled: only 2 and 4 fired it.
        Assert.Equal(["4", "2"], alerts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("objectIds").EnumerateArray().Single().GetString()));
        // Person 2 opened a session (5 s pre-roll, 10 s post-roll); person 4 extended it.
        Assert.Equal(2, commands.Count);
        Assert.All(commands, c => Assert.Equal(SmartRecordCommand.StartRecording, c.Command));
        Assert.All(commands, c => Assert.Equal("person-at-door", c.RuleId?.Value));
        Assert.All(commands, c => Assert.Equal("cam-r", c.CameraId?.Value));
        Assert.Equal(commands[0].SessionId, commands[1].SessionId);
        Assert.Equal([at.AddSeconds(-4), at.AddSeconds(-4)], commands.Select(c => c.Start));
        Assert.Equal([at.AddSeconds(11), at.AddSeconds(13)], commands.Select(c => c.End));
    }

    [Fact]
    public async Task A_rule_whose_values_do_not_fit_their_types_gets_every_wrong_field_named_in_plain_words_in_one_400()
    {
        using var admin = host.ClientWithKey();

        var response = await Post(admin, "/api/rules", """
            {"id":"typos","name":"Typos","sensorIds":["ds-x"],"cooldown":"abc",
             "condition":{"type":"object-in-zone","zoneId":"door"},"actions":[{"type":"alert","severity":"loud"}]}
            """);
        var body = await response.Content.ReadAsStringAsync();

        // JsonFieldProblemsTests has the kinds of value; this is the endpoint answering with all of them at once.
        Assert.Equal(["actions[0].severity", "cooldown"], await Fields(response));
        Assert.Contains("Must be a duration such as", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Platform.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analytics_event_rule_is_saved_and_read_back_and_a_kind_without_directions_is_named_in_the_400()
    {
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-vss", name = "Door" });
        await Post(admin, "/api/sensors", """{"id":"vss-door","cameraId":"cam-vss","name":"Door"}""");

        var created = await Post(admin, "/api/rules", """
            {"id":"door-in","name":"In through door 1","sensorIds":["vss-door"],
             "condition":{"type":"analytics-event","kind":"tripwire","eventIds":["door-1"],"directions":["IN"]},
             "actions":[{"type":"alert","severity":"warning","messageTemplate":"{class} {objectId} crossed {event}"}]}
            """);
        var invalid = await Post(admin, "/api/rules", """
            {"id":"door-bad","name":"Bad","sensorIds":["vss-door"],"condition":{"type":"analytics-event","kind":"fence","directions":["IN"]},
             "actions":[{"type":"alert","severity":"info","messageTemplate":"{event}"}]}
            """);
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/rules/door-in");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var condition = read.GetProperty("condition");
        Assert.Equal(("analytics-event", "tripwire", "door-1", "IN"), (condition.GetProperty("type").GetString(), condition.GetProperty("kind").GetString(),
            condition.GetProperty("eventIds")[0].GetString(), condition.GetProperty("directions")[0].GetString()));
        Assert.Equal(["condition.kind"], await Fields(invalid));
    }

    [Fact]
    public async Task A_site_scoped_operator_works_only_in_its_site()
    {
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/sites", new { id = "a", name = "A" });
        await admin.PostAsJsonAsync("/api/sites", new { id = "b", name = "B" });
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-b", siteId = "b", name = "B cam" });
        await Post(admin, "/api/sensors", $$"""{"id":"ds-b","siteId":"b","cameraId":"cam-b","name":"B","zones":[{{Zone}}]}""");
        await Post(admin, "/api/rules", """{"id":"rule-b","name":"B rule","sensorIds":["ds-b"],"condition":{"type":"object-in-zone","zoneId":"door"},"actions":[{"type":"record"}]}""");
        using var operatorA = await host.ClientWithRoleAsync("operator", "a");

        var ownCamera = await operatorA.PostAsJsonAsync("/api/cameras", new { id = "cam-a", name = "A cam" });
        var foreignCamera = await operatorA.PostAsJsonAsync("/api/cameras", new { id = "cam-x", siteId = "b", name = "Sneaky" });
        var foreignRule = await Post(operatorA, "/api/rules", """{"id":"rule-x","name":"x","sensorIds":["ds-b"],"condition":{"type":"object-in-zone","zoneId":"door"},"actions":[{"type":"record"}]}""");

        Assert.Equal("a", (await ownCamera.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("siteId").GetString());
        Assert.Equal(["siteId"], await Fields(foreignCamera));
        Assert.Equal(["sensorIds[0]"], await Fields(foreignRule));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorA.GetAsync("/api/cameras/cam-b")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorA.GetAsync("/api/rules/rule-b")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorA.DeleteAsync("/api/sensors/ds-b")).StatusCode);
        Assert.Equal(0, (await operatorA.GetFromJsonAsync<JsonElement>("/api/rules")).GetProperty("items").GetArrayLength());
        Assert.Equal(["cam-a"], (await operatorA.GetFromJsonAsync<JsonElement>("/api/cameras")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    /// <summary>A detection on the test sensor, waited for until the sensor grain has applied it.</summary>
    private async Task DetectAsync(DateTimeOffset at, string detectedObject)
    {
        var offset = await host.Silo.ProduceDetectionAsync("ds-r", at, detectedObject);
        await host.Silo.WaitUntilAppliedAsync(host.Silo.DeepStreamTopic, offset);
    }

    private static async Task<string?> SessionOf(HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string[]> Fields(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()];
    }
}
