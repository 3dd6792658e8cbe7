using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Api.Alerts;
using Platform.Grains.Interfaces.Alerts;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Rules;
using Platform.Testing;

namespace Platform.GatewayTests.Catalog;

[Collection(GatewayCollection.Name)]
public sealed class AlertStreamTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new(kafka, postgres, s3);

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Alerts_raised_on_the_topic_arrive_as_server_sent_events_filtered_by_site()
    {
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/sites", new { id = "north", name = "North" });
        await admin.PostAsJsonAsync("/api/sites", new { id = "south", name = "South" });
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-n", siteId = "north", name = "N" });
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-s", siteId = "south", name = "S" });
        using var north = await host.ClientWithRoleAsync("viewer", "north");
        await host.Services.GetRequiredService<AlertFeed>().Ready.WaitAsync(TimeSpan.FromSeconds(15));

        using var response = await north.GetAsync("/api/alerts/stream", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var opened = await NextEventAsync(reader).WaitAsync(TimeSpan.FromSeconds(15));
        await ProduceAsync(Alert("al-south", "cam-s"), Alert("al-north", "cam-n"));
        var received = await NextEventAsync(reader).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ready", opened.Event);
        Assert.Equal("alert", received.Event);
        Assert.Equal("al-north", received.Data.GetProperty("id").GetString());
        Assert.Equal("cam-n", received.Data.GetProperty("cameraId").GetString());
        Assert.Equal("warning", received.Data.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task The_stream_filters_by_site_camera_rule_and_severity_and_a_sensor_without_camera_counts_in_its_site()
    {
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/sites", new { id = "east", name = "East" });
        await admin.PostAsJsonAsync("/api/cameras", new { id = "cam-e", siteId = "east", name = "E" });
        await admin.PostAsJsonAsync("/api/sensors", new { id = "ds-e", siteId = "east", name = "Lone sensor" });
        await host.Services.GetRequiredService<AlertFeed>().Ready.WaitAsync(TimeSpan.FromSeconds(15));

        using var bySite = await OpenAsync(admin, "siteId=east");
        using var byRuleAndSeverity = await OpenAsync(admin, "ruleId=r-2&severity=CRITICAL");
        using var byCamera = await OpenAsync(admin, "cameraId=cam-e");
        await ProduceAsync(
            Alert("al-other-site", "cam-elsewhere") with { RuleId = new RuleId("r-2") },
            Alert("al-e-warning", "cam-e") with { RuleId = new RuleId("r-2") },
            Alert("al-lone", null) with { SensorId = new SensorId("ds-e"), Severity = AlertSeverity.Critical, RuleId = new RuleId("r-2") },
            Alert("al-last", "cam-e"));

        Assert.Equal(["al-e-warning", "al-lone", "al-last"], await IdsAsync(bySite.Reader, 3));
        Assert.Equal(["al-lone"], await IdsAsync(byRuleAndSeverity.Reader, 1));
        Assert.Equal(["al-e-warning", "al-last"], await IdsAsync(byCamera.Reader, 2));
        var refused = await admin.GetAsync("/api/alerts/stream?severity=loud");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("severity", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<OpenStream> OpenAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/alerts/stream?" + query, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("ready", (await NextEventAsync(reader).WaitAsync(TimeSpan.FromSeconds(15))).Event);
        return new OpenStream(response, reader);
    }

    private static async Task<List<string>> IdsAsync(StreamReader reader, int count)
    {
        var ids = new List<string>();
        while (ids.Count < count)
        {
            var next = await NextEventAsync(reader).WaitAsync(TimeSpan.FromSeconds(15));
            if (next.Event == "alert")
            {
                ids.Add(next.Data.GetProperty("id").GetString()!);
            }
        }

        return ids;
    }

    private sealed record OpenStream(HttpResponseMessage Response, StreamReader Reader) : IDisposable
    {
        public void Dispose()
        {
            Reader.Dispose();
            Response.Dispose();
        }
    }

    private static AlertRaised Alert(string id, string? camera) => new()
    {
        AlertId = new AlertId(id),
        RuleId = new RuleId("r-1"),
        RuleName = "Person at door",
        Severity = AlertSeverity.Warning,
        Message = "Person at door",
        SensorId = new SensorId("ds-1"),
        CameraId = camera is null ? null : new CameraId(camera),
        ObjectIds = ["7"],
        OccurredAt = DateTimeOffset.UtcNow,
        TriggerMessageId = $"msg-{id}",
    };

    private async Task ProduceAsync(params AlertRaised[] alerts)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = host.KafkaBootstrap }).Build();
        foreach (var alert in alerts)
        {
            await producer.ProduceAsync(host.AlertsTopic, new() { Key = alert.CameraId?.Value ?? alert.SensorId.Value, Value = JsonSerializer.SerializeToUtf8Bytes(alert, GrainJsonContext.Default.AlertRaised) });
        }
    }

    private static async Task<(string Event, JsonElement Data)> NextEventAsync(StreamReader reader)
    {
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = line["data: ".Length..];
                return (name ?? "", JsonDocument.Parse(data.Length == 0 ? "null" : data).RootElement.Clone());
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }
}
