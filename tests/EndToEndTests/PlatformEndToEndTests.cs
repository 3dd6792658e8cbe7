using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Platform.EndToEndTests.Otlp;
using Platform.LocalInfra;
using Platform.LocalPlatform;
using Platform.Messaging;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEndTests;

/// <summary>
/// The platform as real processes (an Orleans silo, the gateway as its client, the edge agent) on the local
/// infrastructure, driven like production: a DeepStream scene goes in, a clip comes out of the gateway, and the spans
/// every process exported form one trace.
/// </summary>
public sealed class PlatformEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Camera = "cam1";

    private readonly OtlpCollector collector = new();
    private readonly TempDirectory logs = new("e2e-logs");
    private LocalPlatformRun platform = null!;
    private SeededPlatform seeded = null!;

    public async Task InitializeAsync()
    {
        platform = await LocalPlatformRun.StartAsync(new LocalPlatformOptions
        {
            Configuration = BuiltTool.Configuration,
            Cameras = [Camera],
            OtlpEndpoint = collector.Endpoint,
            LogDirectory = logs.Path,
        }, output.WriteLine, CancellationToken.None);
        seeded = await SeededPlatform.SeedAsync(platform, Camera, logs.Path);
    }

    public async Task DisposeAsync()
    {
        seeded?.Dispose();
        await platform.DisposeAsync();
        collector.Dispose();
        logs.Dispose();
    }

    [Fact]
    public async Task A_scene_becomes_a_decodable_clip_in_the_catalog_in_one_trace_and_a_raw_deepstream_command_is_honoured()
    {
        try
        {
            await RunAsync();
        }
        catch
        {
            logs.Keep(); // the failure message names the services' logs
            throw;
        }
    }

    private async Task RunAsync()
    {
        var script = await seeded.PlaySceneAsync();
        var firing = script.ExpectedFirings.Min(f => f.At);

        var command = (await TopicReader.ReadAsync(platform.KafkaBootstrap, PlatformTopics.EdgeCommands, 1, TimeSpan.FromSeconds(30))).First();
        var clip = await seeded.WaitForClipAsync(c => c.GetProperty("ruleId").GetString() is not null);
        output.WriteLine($"event -> command: {(command.Message.Timestamp.UtcDateTime - firing.UtcDateTime).TotalMilliseconds:0} ms");
        output.WriteLine($"event -> clip in the catalog: {(clip.GetProperty("createdAt").GetDateTimeOffset() - firing).TotalSeconds:0.0} s (includes the rule's post-roll)");
        Assert.Equal(Camera, JsonDocument.Parse(command.Message.Value).RootElement.GetProperty("sensor").GetProperty("id").GetString());
        Assert.Equal(script.Sensor.Rules[0].Id.Value, clip.GetProperty("ruleId").GetString());
        await seeded.AssertDecodesAsync(clip);

        // A Smart Video Record command exactly as DeepStream's cloud-to-device messages carry it: no optional fields.
        var start = DateTimeOffset.UtcNow.AddSeconds(-3);
        await ProduceRawCommandAsync(JsonSerializer.Serialize(new
        {
            command = "start-recording",
            start = Iso(start),
            end = Iso(start.AddSeconds(6)),
            sensor = new { id = Camera },
        }));
        var manual = await seeded.WaitForClipAsync(c => Math.Abs((c.GetProperty("requestedStart").GetDateTimeOffset() - start).TotalMilliseconds) < 1);
        Assert.Null(manual.GetProperty("ruleId").GetString());
        await seeded.AssertDecodesAsync(manual);

        await AssertOneTraceAsync(clip.GetProperty("id").GetString()!);
    }

    /// <summary>
    /// The device event's receive, the grain turns, the camera's state write, the SVR command, the clip cut and upload,
    /// the announcement's receive and the catalog insert share one trace, each caused by the one before it.
    /// </summary>
    private async Task AssertOneTraceAsync(string clipId)
    {
        // From the catalog insert back to the device event: each span's nearest platform ancestor is the next one.
        string[] chain = ["clip catalog insert", "camera turn", "receive edge.clips", "clip upload", "clip cut", "edge.commands process",
            "camera turn", "sensor turn", "receive deepstream-events"];
        var platformSpans = chain.Append("state write").ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<CollectedSpan> trace = [];
        await Eventually.WaitAsync(() =>
        {
            var inserts = collector.Spans.Where(s => s.Name == "clip catalog insert").Select(s => s.TraceId).ToHashSet();
            trace = collector.Spans.Where(s => inserts.Contains(s.TraceId)).GroupBy(s => s.TraceId)
                .Select(g => g.ToList()).FirstOrDefault(spans => platformSpans.All(name => spans.Any(s => s.Name == name))) ?? [];
            return Task.FromResult(trace.Count > 0);
        }, TimeSpan.FromSeconds(30), () => $"one trace with {string.Join(", ", platformSpans)}; spans seen: "
            + string.Join(", ", collector.Spans.Select(s => s.Name).Distinct()));

        var byId = trace.ToDictionary(s => s.SpanId);
        Print(trace, "", 0);
        output.WriteLine($"spans exported in all, by name: {string.Join(", ", collector.Spans.GroupBy(s => s.Name)
            .OrderByDescending(g => g.Count()).Take(8).Select(g => $"{g.Key} {g.Count()}"))}");

        Assert.Equal(["edge-agent", "silo"], trace.Select(s => s.Service).Distinct().Order());
        Assert.All(trace.Where(s => s.ParentSpanId.Length > 0), s => Assert.Contains(s.ParentSpanId, byId.Keys));
        var lineages = trace.Where(s => s.Name == "clip catalog insert")
            .Select(insert => Ancestors(insert, byId).Where(s => platformSpans.Contains(s.Name)).Prepend(insert).ToList()).ToList();
        var lineage = lineages.FirstOrDefault(l => l.Select(s => s.Name).SequenceEqual(chain));
        Assert.True(lineage is not null, $"no catalog insert descends from the device event through {string.Join(" <- ", chain)}; "
            + $"lineages: {string.Join(" | ", lineages.Select(l => string.Join(" <- ", l.Select(s => s.Name))))}");
        // The camera turn that took the sensor's record request wrote its state (with the command) inside its span.
        Assert.Contains(trace, s => s.Name == "state write" && s.ParentSpanId == lineage[6].SpanId);
        // Nothing of the platform's comes before the device event's receive. (It should be the trace's root; the silo
        // starts it under the Orleans pulling agent's timer tick instead when the record has no traceparent header.)
        Assert.DoesNotContain(Ancestors(lineage[^1], byId), s => platformSpans.Contains(s.Name) || s.Service != "silo");
        Assert.Contains(clipId, await seeded.Api.GetStringAsync($"/api/clips/{clipId}"), StringComparison.Ordinal);
    }

    private static IEnumerable<CollectedSpan> Ancestors(CollectedSpan span, Dictionary<string, CollectedSpan> byId)
    {
        while (byId.TryGetValue(span.ParentSpanId, out var parent))
        {
            yield return parent;
            span = parent;
        }
    }

    /// <summary>The trace as a tree, for the test's output.</summary>
    private void Print(IReadOnlyList<CollectedSpan> trace, string parent, int depth)
    {
        foreach (var span in trace.Where(s => s.ParentSpanId == parent))
        {
            output.WriteLine($"  {span.Service,-10} {new string(' ', 2 * depth)}{span.Name} ({span.SpanId})");
            Print(trace, span.SpanId, depth + 1);
        }
    }

    private async Task ProduceRawCommandAsync(string json)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.KafkaBootstrap }).Build();
        await producer.ProduceAsync(PlatformTopics.EdgeCommands, new Message<string, byte[]> { Key = Camera, Value = Encoding.UTF8.GetBytes(json) });
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
