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

    private static AlertRaised Alert(string id, string camera) => new()
    {
        AlertId = new AlertId(id),
        RuleId = new RuleId("r-1"),
        RuleName = "Person at door",
        Severity = AlertSeverity.Warning,
        Message = "Person at door",
        SensorId = new SensorId("ds-1"),
        CameraId = new CameraId(camera),
        ObjectIds = ["7"],
        OccurredAt = DateTimeOffset.UtcNow,
        TriggerMessageId = $"msg-{id}",
    };

    private async Task ProduceAsync(params AlertRaised[] alerts)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = host.KafkaBootstrap }).Build();
        foreach (var alert in alerts)
        {
            await producer.ProduceAsync(host.AlertsTopic, new() { Key = alert.CameraId!.Value.Value, Value = JsonSerializer.SerializeToUtf8Bytes(alert, GrainJsonContext.Default.AlertRaised) });
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
