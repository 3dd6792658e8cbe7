using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Platform.EndToEndTests.Otlp;
using Platform.LocalInfra;
using Platform.LocalPlatform;
using Platform.Messaging;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEndTests;

/// <summary>
/// The platform as real processes (silo, gateway, edge agent) on the local infrastructure, driven like production:
/// a DeepStream scene goes in, a clip comes out of the gateway, and the spans every process exported form one trace.
/// </summary>
public sealed class PlatformEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Camera = "cam1";
    private static readonly TimeSpan ClipTimeout = TimeSpan.FromSeconds(120);

    private readonly OtlpCollector collector = new();
    private readonly TempDirectory logs = new("e2e-logs");
    private LocalPlatformRun platform = null!;
    private HttpClient api = null!;

    public async Task InitializeAsync()
    {
        platform = await LocalPlatformRun.StartAsync(new LocalPlatformOptions
        {
            Configuration = BuiltTool.Configuration,
            Cameras = [Camera],
            OtlpEndpoint = collector.Endpoint,
            LogDirectory = logs.Path,
        }, output.WriteLine, CancellationToken.None);
        api = new HttpClient { BaseAddress = platform.GatewayUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", platform.AdminKey);
        await DemoSeed.SeedAsync(platform.GatewayUrl, platform.AdminKey, [Camera],
            new Dictionary<string, Uri> { [Camera] = platform.Infrastructure.Cameras!.Url(Camera) }, TimeProvider.System, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await platform.DisposeAsync();
        collector.Dispose();
        logs.Dispose();
    }

    [Fact]
    public async Task A_scene_becomes_a_decodable_clip_in_the_catalog_in_one_trace_and_a_raw_deepstream_command_is_honoured()
    {
        // The scene: a person walks into the entrance zone; its on-enter rule records the camera.
        var script = DemoSeed.Script([Camera], Camera, DateTimeOffset.UtcNow.AddSeconds(1));
        var firing = script.ExpectedFirings.Min(f => f.At);
        using (var sink = new KafkaDeepStreamSink(platform.KafkaBootstrap, PlatformTopics.DeepStreamEvents))
        {
            await new ScenePlayer(sink, TimeProvider.System).PlayAsync(script, DeepStreamSchema.Full, CancellationToken.None);
            Assert.True(sink.Flush(TimeSpan.FromSeconds(10)));
        }

        var command = (await TopicReader.ReadAsync(platform.KafkaBootstrap, PlatformTopics.EdgeCommands, 1, TimeSpan.FromSeconds(30))).First();
        var clip = await WaitForClipAsync(c => c.GetProperty("ruleId").GetString() is not null);
        output.WriteLine($"event -> command: {(command.Message.Timestamp.UtcDateTime - firing.UtcDateTime).TotalMilliseconds:0} ms");
        output.WriteLine($"event -> clip in the catalog: {(clip.GetProperty("createdAt").GetDateTimeOffset() - firing).TotalSeconds:0.0} s (includes the rule's post-roll)");
        Assert.Equal(Camera, JsonDocument.Parse(command.Message.Value).RootElement.GetProperty("sensor").GetProperty("id").GetString());
        Assert.Equal(script.Sensor.Rules[0].Id.Value, clip.GetProperty("ruleId").GetString());
        await AssertDecodesAsync(clip);

        // A Smart Video Record command exactly as DeepStream's cloud-to-device messages carry it: no optional fields.
        var start = DateTimeOffset.UtcNow.AddSeconds(-3);
        await ProduceRawCommandAsync(JsonSerializer.Serialize(new
        {
            command = "start-recording",
            start = Iso(start),
            end = Iso(start.AddSeconds(6)),
            sensor = new { id = Camera },
        }));
        var manual = await WaitForClipAsync(c => Math.Abs((c.GetProperty("requestedStart").GetDateTimeOffset() - start).TotalMilliseconds) < 1);
        Assert.Null(manual.GetProperty("ruleId").GetString());
        await AssertDecodesAsync(manual);

        await AssertOneTraceAsync(clip.GetProperty("id").GetString()!);
    }

    /// <summary>The device event, the grain turns, the SVR command, the clip cut, the upload and the catalog insert share one trace.</summary>
    private async Task AssertOneTraceAsync(string clipId)
    {
        string[] expected = ["ingress deepstream-events", "grain turn Sensor", "grain turn Camera", "edge.commands process", "clip cut", "clip upload",
            "ingress edge.clips", "clip catalog insert"];
        IReadOnlyList<CollectedSpan> trace = [];
        await Eventually.WaitAsync(() =>
        {
            var inserts = collector.Spans.Where(s => s.Name == "clip catalog insert").Select(s => s.TraceId).ToHashSet();
            trace = collector.Spans.Where(s => inserts.Contains(s.TraceId)).GroupBy(s => s.TraceId)
                .Select(g => g.ToList()).FirstOrDefault(spans => expected.All(name => spans.Any(s => s.Name == name))) ?? [];
            return Task.FromResult(trace.Count > 0);
        }, TimeSpan.FromSeconds(30), () => $"one trace with {string.Join(", ", expected)}; spans seen: "
            + string.Join(", ", collector.Spans.Select(s => s.Name).Distinct()));

        foreach (var span in trace.OrderBy(s => Array.IndexOf(expected, s.Name)))
        {
            output.WriteLine($"  {span.Service,-10} {span.Name,-28} {span.SpanId} <- {span.ParentSpanId}");
        }

        Assert.Equal(["edge-agent", "silo"], trace.Select(s => s.Service).Distinct().Order());
        // Connected: one root (the device event's ingress), and every other span's parent is in the trace.
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        var root = Assert.Single(trace, s => s.ParentSpanId.Length == 0);
        Assert.Equal("ingress deepstream-events", root.Name);
        Assert.All(trace.Where(s => s != root), s => Assert.Contains(s.ParentSpanId, ids));
        Assert.Contains(clipId, await api.GetStringAsync($"/api/clips/{clipId}"), StringComparison.Ordinal);
    }

    private async Task<JsonElement> WaitForClipAsync(Func<JsonElement, bool> match)
    {
        JsonElement found = default;
        await Eventually.WaitAsync(async () =>
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/clips?cameraId={Camera}");
            var clips = page.GetProperty("items").EnumerateArray().Where(match).ToList();
            found = clips.FirstOrDefault();
            return clips.Count > 0;
        }, ClipTimeout, () => $"a clip in GET /api/clips; logs in {logs.Path}");
        return found;
    }

    private async Task AssertDecodesAsync(JsonElement clip)
    {
        var path = Path.Combine(logs.Path, clip.GetProperty("id").GetString() + ".mp4");
        // The default answer is a redirect to a presigned URL; HttpClient follows it to the S3 server.
        await File.WriteAllBytesAsync(path, await api.GetByteArrayAsync(clip.GetProperty("contentUrl").GetString()));
        Assert.Equal(clip.GetProperty("sizeBytes").GetInt64(), new FileInfo(path).Length);
        var errors = await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", path, "-f", "null", "-"], TimeSpan.FromSeconds(60));
        Assert.True(string.IsNullOrWhiteSpace(errors), $"decoding {path} reported: {errors}");
        Assert.True(clip.GetProperty("durationSeconds").GetDouble() > 3, "the clip has a few seconds of video");
    }

    private async Task ProduceRawCommandAsync(string json)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.KafkaBootstrap }).Build();
        await producer.ProduceAsync(PlatformTopics.EdgeCommands, new Message<string, byte[]> { Key = Camera, Value = Encoding.UTF8.GetBytes(json) });
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
