using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Minio.DataModel;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Spool;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.EdgeAgent;

/// <summary>
/// Runs the edge agent in-process as a generic host against real infrastructure, with its own topics, bucket,
/// cache and spool, and listens to what it produces. The agent can be stopped and started again on the same
/// directories, as a restart of the device would.
/// </summary>
internal sealed class EdgeAgentHarness : IAsyncDisposable
{
    public const double SegmentSeconds = 1;

    private readonly KafkaFixture kafka;
    private readonly S3Fixture s3;
    private readonly ITestOutputHelper output;
    private readonly TempDirectory root = new("edge-agent-test");
    private readonly Dictionary<string, string?> settings;
    private readonly CancellationTokenSource listening = new();
    private readonly ConcurrentQueue<(ClipUploaded Clip, string? TraceParent)> clips = new();
    private readonly ConcurrentQueue<EdgeAgentStatus> statuses = new();
    private readonly ConcurrentQueue<ContinuousSegmentUploaded> segments = new();
    private readonly IProducer<string, byte[]> producer;
    private readonly List<Task> listeners = [];
    private IHost? host;

    private EdgeAgentHarness(KafkaFixture kafka, S3Fixture s3, ITestOutputHelper output, IReadOnlyList<TestCamera> cameras,
        IReadOnlyDictionary<string, string?>? overrides)
    {
        this.kafka = kafka;
        this.s3 = s3;
        this.output = output;
        CommandsTopic = kafka.CreateTopic("edge-commands", 1);
        ClipsTopic = kafka.CreateTopic("edge-clips", 1);
        StatusTopic = kafka.CreateTopic("edge-status", 1);
        SegmentsTopic = kafka.CreateTopic("edge-segments", 1);
        Bucket = $"edge-{Guid.NewGuid():N}";
        SpoolDirectory = Path.Combine(root.Path, "spool");
        CacheDirectory = Path.Combine(root.Path, "cache");
        settings = new Dictionary<string, string?>
        {
            ["Health:Urls"] = "http://127.0.0.1:0", // agents of parallel tests must not share a port
            ["EdgeAgent:AgentId"] = "test-agent",
            ["EdgeAgent:Site"] = "test-site",
            ["EdgeAgent:CacheDirectory"] = CacheDirectory,
            ["EdgeAgent:SpoolDirectory"] = SpoolDirectory,
            ["EdgeAgent:HeartbeatInterval"] = "00:00:01",
            ["EdgeAgent:RetryInitialDelay"] = "00:00:00.200",
            ["EdgeAgent:RetryMaxDelay"] = "00:00:01",
            ["EdgeAgent:RestartInitialDelay"] = "00:00:00.250",
            ["EdgeAgent:RestartMaxDelay"] = "00:00:01",
            ["EdgeAgent:S3:ServiceUrl"] = s3.Server.ServiceUrl.ToString(),
            ["EdgeAgent:S3:Bucket"] = Bucket,
            ["EdgeAgent:S3:AccessKey"] = s3.Server.AccessKey,
            ["EdgeAgent:S3:SecretKey"] = s3.Server.SecretKey,
            ["EdgeAgent:S3:RequestTimeout"] = "00:00:05",
            ["EdgeAgent:Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["EdgeAgent:Kafka:CommandsTopic"] = CommandsTopic,
            ["EdgeAgent:Kafka:ClipsTopic"] = ClipsTopic,
            ["EdgeAgent:Kafka:StatusTopic"] = StatusTopic,
            ["EdgeAgent:Kafka:SegmentsTopic"] = SegmentsTopic,
            ["EdgeAgent:Kafka:AutoOffsetReset"] = "Earliest",
            ["EdgeAgent:Kafka:GroupId"] = $"edge-agent-{Guid.NewGuid():N}",
        };
        for (var i = 0; i < cameras.Count; i++)
        {
            var at = $"EdgeAgent:Cameras:{i.ToString(CultureInfo.InvariantCulture)}";
            settings[$"{at}:Id"] = cameras[i].Id;
            settings[$"{at}:Source"] = cameras[i].Source;
            settings[$"{at}:SegmentSeconds"] = SegmentSeconds.ToString(CultureInfo.InvariantCulture);
            settings[$"{at}:CacheSeconds"] = "20";
            for (var j = 0; j < cameras[i].SensorIds.Length; j++)
            {
                settings[$"{at}:SensorIds:{j.ToString(CultureInfo.InvariantCulture)}"] = cameras[i].SensorIds[j];
            }
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
    }

    /// <summary>The agent's configuration, e.g. to run it as a process on the same topics, bucket and directories.</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    public string CommandsTopic { get; }

    public string ClipsTopic { get; }

    public string StatusTopic { get; }

    public string SegmentsTopic { get; }

    public string Bucket { get; }

    public string SpoolDirectory { get; }

    public string CacheDirectory { get; }

    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("The agent is not running.");

    public EdgeAgentTelemetry Telemetry => Services.GetRequiredService<EdgeAgentTelemetry>();

    public ClipSpool Spool => Services.GetRequiredService<ClipSpool>();

    public SessionBook Sessions => Services.GetRequiredService<SessionBook>();

    public IReadOnlyList<(ClipUploaded Clip, string? TraceParent)> Clips => [.. clips];

    public IReadOnlyList<EdgeAgentStatus> Statuses => [.. statuses];

    /// <summary>Every continuous-segment announcement read from <see cref="SegmentsTopic"/>, repeats included.</summary>
    public IReadOnlyList<ContinuousSegmentUploaded> Segments => [.. segments];

    public static async Task<EdgeAgentHarness> StartAsync(KafkaFixture kafka, S3Fixture s3, ITestOutputHelper output,
        IReadOnlyList<TestCamera> cameras, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var harness = new EdgeAgentHarness(kafka, s3, output, cameras, overrides);
        try
        {
            using (var client = s3.CreateClient())
            {
                await client.CreateBucketAsync(harness.Bucket);
            }

            harness.listeners.Add(harness.ListenAsync(harness.ClipsTopic, (message, traceParent) =>
                harness.clips.Enqueue((JsonSerializer.Deserialize(message, EdgeJsonContext.Default.ClipUploaded)!, traceParent))));
            harness.listeners.Add(harness.ListenAsync(harness.SegmentsTopic, (message, _) =>
                harness.segments.Enqueue(JsonSerializer.Deserialize(message, EdgeJsonContext.Default.ContinuousSegmentUploaded)!)));
            harness.listeners.Add(harness.ListenAsync(harness.StatusTopic, (message, _) =>
                harness.statuses.Enqueue(JsonSerializer.Deserialize(message, EdgeJsonContext.Default.EdgeAgentStatus)!)));
            await harness.StartAgentAsync();
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public async Task StartAgentAsync()
    {
        if (host is not null)
        {
            throw new InvalidOperationException("The agent is already running.");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        builder.Services.AddEdgeAgent(builder.Configuration);
        var built = builder.Build();
        await built.StartAsync();
        host = built;
    }

    public async Task StopAgentAsync()
    {
        if (host is null)
        {
            return;
        }

        await host.StopAsync(TimeSpan.FromSeconds(20));
        host.Dispose();
        host = null;
    }

    public CameraRecorder Recorder(string cameraId) =>
        Services.GetRequiredService<CameraRecorders>().Get(CameraId.From(cameraId));

    public EdgeCameraStatus CameraStatus(string cameraId) => Recorder(cameraId).Status(recording: false);

    /// <summary>Waits until the camera's cache reaches back at least <paramref name="seconds"/>.</summary>
    public Task WaitForCacheAsync(string cameraId, double seconds, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => CameraStatus(cameraId).CacheSeconds >= seconds, timeout ?? TimeSpan.FromSeconds(45),
            $"{seconds} s of cache on {cameraId}");

    public async Task SendAsync(string json, string? traceParent = null, string key = "k")
    {
        var headers = new Headers();
        if (traceParent is not null)
        {
            headers.Add("traceparent", Encoding.ASCII.GetBytes(traceParent));
        }

        await producer.ProduceAsync(CommandsTopic, new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(json), Headers = headers });
    }

    /// <summary>Publishes a record on any topic of the test's broker (e.g. an edge.config message).</summary>
    public async Task PublishAsync(string topic, string key, byte[] value) =>
        await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value });

    /// <summary>Changes one setting for the next <see cref="StartAgentAsync"/> (e.g. a broker address that does not answer).</summary>
    public void Set(string key, string? value) => settings[key] = value;

    public static string Command(string command, DateTimeOffset start, DateTimeOffset end, string sensorId, string? extra = null) =>
        $$"""{"command":"{{command}}","start":"{{UtcMillisecondsJsonConverter.ToWire(start)}}","end":"{{UtcMillisecondsJsonConverter.ToWire(end)}}","sensor":{"id":"{{sensorId}}"}{{(extra is null ? "" : "," + extra)}}}""";

    public async Task<IReadOnlyList<(ClipUploaded Clip, string? TraceParent)>> WaitForClipsAsync(int count, TimeSpan? timeout = null)
    {
        await Eventually.WaitAsync(() => clips.Count >= count, timeout ?? TimeSpan.FromSeconds(40), $"{count} clip(s) on {ClipsTopic}");
        return Clips;
    }

    /// <summary>True once nothing more can produce a clip: no session open or being cut, nothing in the spool.</summary>
    public bool Idle() => Sessions.NextDueAt is null && AllClosed() && Spool.Count == 0;

    public async Task<byte[]> GetObjectAsync(string key)
    {
        using var client = s3.CreateClient();
        return await client.GetAsync(Bucket, key);
    }

    public async Task<ObjectStat> HeadObjectAsync(string key)
    {
        using var client = s3.CreateClient();
        return await client.StatAsync(Bucket, key);
    }

    public async Task<int> CountObjectsAsync() => (await ListKeysAsync()).Count;

    public async Task<IReadOnlyList<string>> ListKeysAsync()
    {
        using var client = s3.CreateClient();
        return await client.ListKeysAsync(Bucket);
    }

    public string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(root.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        await listening.CancelAsync();
        await Task.WhenAll(listeners);
        producer.Dispose();
        listening.Dispose();
        root.Dispose();
    }

    private bool AllClosed()
    {
        var recorders = Services.GetRequiredService<CameraRecorders>();
        return recorders.All.All(r => Sessions.EarliestStart(r.Id) is null);
    }

    private Task ListenAsync(string topic, Action<byte[], string?> onMessage) => Task.Factory.StartNew(() =>
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = $"test-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        // Assigned, not subscribed: no group join to wait for, and every record from the first.
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        try
        {
            while (!listening.IsCancellationRequested)
            {
                var record = consumer.Consume(listening.Token);
                if (record?.Message?.Value is { } value)
                {
                    onMessage(value, TraceParent.FromHeaders(record.Message.Headers));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Test over.
        }
        finally
        {
            consumer.Close();
        }
    }, TaskCreationOptions.LongRunning);
}
