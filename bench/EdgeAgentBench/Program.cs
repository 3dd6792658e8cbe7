using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Telemetry;
using Platform.EdgeAgent.Video;
using Platform.EdgeAgentBench;
using Platform.Grains.Interfaces.Json;
using Platform.LocalInfra;
using Platform.Messaging;

// Edge agent benchmark (numbers, not a test):
//  1. CPU per cached camera, 1080p25 H.264 stream copy: N bare ffmpeg segment recorders (the agent's own command
//     line) against the agent with N cameras. Each camera is a pre-encoded 1080p25 file played at native rate in a
//     loop by its own ffmpeg, as MPEG-TS over UDP to a loopback port (a live input; no encoder competes for the
//     two cores; the players are not counted).
//  2. Post-roll end -> clip announced on edge.clips, p50/p95, for 15 s clips (10 s pre-roll, 5 s post-roll).
//  3. Clip cut time, p50/p95: 10 s clips whose window is already cached, so the agent's "clip cut" activity
//     (thumbnail, join, probe, hash, admit to the spool) is all tool work and no waiting for the end.
//  4. Continuous recording (ContinuousPhase.cs): the same N cameras with every segment uploaded to S3, CPU per camera
//     against phase 1's bare recorders and its agent (stopped first: one reader per UDP port) without upload, and upload bytes/s.
//  5. Live view of up to 2 RTSP cameras (LivePhase.cs): start → playlist, segment age when fetchable, CPU per stream.
//   dotnet run -c Release --project bench/EdgeAgentBench [-- CAMERAS MEASURE_SECONDS CLIPS]
var cameras = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
var measure = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
var clipCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12;
var AgentWarmup = TimeSpan.FromSeconds(30);
using var work = new TempDirectory("edge-bench");

Console.WriteLine($"edge agent benchmark: {cameras} cameras, {measure.TotalSeconds:F0} s per CPU phase, {clipCount} clips of 15 s, {Environment.ProcessorCount} cores");
var source = Path.Combine(work.Path, "source-1080p25.mkv");
await Run("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25", "-t", "20",
    "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
    "-b:v", "4M", "-maxrate", "4M", "-bufsize", "8M", "-pix_fmt", "yuv420p", "-y", source]);
Console.WriteLine($"source: 1080p25 H.264, GOP 2 s, {new FileInfo(source).Length * 8 / 20 / 1000} kbit/s");
var ports = Enumerable.Range(0, cameras).Select(_ => FreePort.Next()).ToList();
var players = ports.Select(port => Process.Start(StartInfo(["-nostdin", "-v", "error", "-re", "-stream_loop", "-1", "-i", source,
    "-c", "copy", "-f", "mpegts", $"udp://127.0.0.1:{port}?pkt_size=1316"]))!).ToList();
string Url(int i) => $"udp://127.0.0.1:{ports[i]}?fifo_size=1000000&overrun_nonfatal=1";

// Phase 1a: bare recorders.
var bareDirs = Enumerable.Range(0, cameras).Select(i => Directory.CreateDirectory(Path.Combine(work.Path, $"bare{i}")).FullName).ToList();
// The agent's own command line, as FFMpegCore would start it (stdin open, as FFMpegCore keeps it to send 'q').
var bare = bareDirs.Select((dir, i) => Process.Start(new ProcessStartInfo("ffmpeg", FfmpegArguments.Recorder(Camera(i), dir, 1).Arguments)
{
    UseShellExecute = false,
    RedirectStandardInput = true,
    RedirectStandardError = true,
})!).ToList();
await Task.Delay(TimeSpan.FromSeconds(5));
var bareCpu = await MeasureAsync(() => bare.Sum(p => ProcCpu.Seconds(p.Id)), measure);
foreach (var process in bare)
{
    process.Kill();
    await process.WaitForExitAsync();
}

var bareRate = bareCpu / measure.TotalSeconds / cameras;
Console.WriteLine($"bare ffmpeg copy recorders: {bareRate:F4} CPU-s per second of video per camera ({bareRate * 100:F2}% of a core)");

// Phase 1b: the agent (in this process) with the same cameras, plus its broker and S3 server.
using var broker = EmbeddedKafkaBroker.Start();
foreach (var topic in new[] { PlatformTopics.EdgeCommands, PlatformTopics.EdgeClips, PlatformTopics.EdgeStatus, PlatformTopics.EdgeSegments })
{
    broker.CreateTopic(topic, 1);
}

await using var s3 = await S3Server.StartAsync();
await s3.CreateBucketAsync("bench");

var settings = new Dictionary<string, string?>
{
    ["Health:Urls"] = "", // no probe endpoint: the bench must not depend on a free port 8082
    ["EdgeAgent:AgentId"] = "bench",
    ["EdgeAgent:CacheDirectory"] = Path.Combine(work.Path, "cache"),
    ["EdgeAgent:SpoolDirectory"] = Path.Combine(work.Path, "spool"),
    ["EdgeAgent:HeartbeatInterval"] = "00:00:10",
    ["EdgeAgent:S3:ServiceUrl"] = s3.ServiceUrl.ToString(),
    ["EdgeAgent:S3:Bucket"] = "bench",
    ["EdgeAgent:S3:AccessKey"] = s3.AccessKey,
    ["EdgeAgent:S3:SecretKey"] = s3.SecretKey,
    ["EdgeAgent:Kafka:BootstrapServers"] = broker.BootstrapServers,
    ["EdgeAgent:Kafka:AutoOffsetReset"] = "Earliest",
};
for (var i = 0; i < cameras; i++)
{
    settings[$"EdgeAgent:Cameras:{i}:Id"] = $"cam{i}";
    settings[$"EdgeAgent:Cameras:{i}:Source"] = Url(i);
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(settings);
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddEdgeAgent(builder.Configuration);
using var host = builder.Build();
await host.StartAsync();
// Steady state, as a long-running agent is: the runtime's tiered JIT recompiles hot code during the first tens of seconds.
await Task.Delay(AgentWarmup);
var self = Environment.ProcessId;
var cacheDirectory = settings["EdgeAgent:CacheDirectory"]!;
var agentChildren = ProcCpu.Children(self, "ffmpeg").Where(pid => ProcCpu.CommandLine(pid).Contains(cacheDirectory, StringComparison.Ordinal)).ToList();
// The embedded broker runs in this process (thread "rdk:mock"); a deployed agent talks to a broker elsewhere.
var before = (Agent: ProcCpu.Seconds(self), Broker: ProcCpu.ThreadSeconds(self, "rdk:mock"), Children: agentChildren.Sum(ProcCpu.Seconds));
var clock = Stopwatch.StartNew();
await Task.Delay(measure);
var elapsed = clock.Elapsed.TotalSeconds;
var after = (Agent: ProcCpu.Seconds(self), Broker: ProcCpu.ThreadSeconds(self, "rdk:mock"), Children: agentChildren.Sum(ProcCpu.Seconds));
var brokerRate = (after.Broker - before.Broker) / elapsed / cameras;
var agentRate = (after.Agent - before.Agent) / elapsed / cameras - brokerRate;
var childRate = (after.Children - before.Children) / elapsed / cameras;
Console.WriteLine($"agent's ffmpeg recorders ({agentChildren.Count}): {childRate:F4} CPU-s per second of video per camera");
Console.WriteLine($"agent .NET process without the embedded broker's thread ({brokerRate:F4} per camera, not counted): {agentRate:F4} CPU-s per second per camera = {agentRate / bareRate * 100:F1}% on top of bare ffmpeg");
var perCamera = childRate + agentRate;
Console.WriteLine($"total per cached camera: {perCamera:F4} CPU-s/s -> 2 cores hold about {2 / perCamera:F0} cameras (CPU only)");

// Phase 2: post-roll end -> announced latency for 15 s clips.
var announced = new ConcurrentDictionary<string, DateTimeOffset>();
using var listening = new CancellationTokenSource();
var listener = Task.Factory.StartNew(() =>
{
    // The embedded broker holds every fetch for its full wait even when a record arrives meanwhile (see
    // KafkaClientSettings): with the default 500 ms the listener itself would add up to half a second to each
    // measured latency. A real broker answers as soon as the record is there.
    using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
    {
        BootstrapServers = broker.BootstrapServers,
        GroupId = "bench",
        EnableAutoCommit = false,
        FetchWaitMaxMs = 10,
    }).Build();
    consumer.Assign(new TopicPartitionOffset(PlatformTopics.EdgeClips, 0, Offset.Beginning));
    try
    {
        while (true)
        {
            var record = consumer.Consume(listening.Token);
            var clip = JsonSerializer.Deserialize(record.Message.Value, EdgeJsonContext.Default.ClipUploaded)!;
            announced[clip.CommandId!.Value.Value] = DateTimeOffset.UtcNow;
        }
    }
    catch (OperationCanceledException)
    {
    }
}, TaskCreationOptions.LongRunning);

using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
var ends = new Dictionary<string, DateTimeOffset>();
for (var i = 0; i < clipCount; i++)
{
    var now = DateTimeOffset.UtcNow;
    var id = $"bench-{i}";
    ends[id] = now.AddSeconds(5);
    var json = $$"""{"command":"start-recording","start":"{{UtcMillisecondsJsonConverter.ToWire(now.AddSeconds(-10))}}","end":"{{UtcMillisecondsJsonConverter.ToWire(now.AddSeconds(5))}}","sensor":{"id":"cam{{i % cameras}}"},"commandId":"{{id}}"}""";
    await producer.ProduceAsync(PlatformTopics.EdgeCommands, new Message<string, byte[]> { Key = $"cam{i % cameras}", Value = Encoding.UTF8.GetBytes(json) });
    // Spread over time (about 1.3 s apart, an odd fraction of the 2 s GOP), so ends fall anywhere in a segment.
    await Task.Delay(TimeSpan.FromMilliseconds(1300));
}

var deadline = Stopwatch.StartNew();
while (announced.Count < clipCount && deadline.Elapsed < TimeSpan.FromSeconds(60))
{
    await Task.Delay(100);
}

await listening.CancelAsync();
await listener;
var latencies = ends.Where(e => announced.ContainsKey(e.Key)).Select(e => (announced[e.Key] - e.Value).TotalSeconds).Order().ToList();
Console.WriteLine($"post-roll end -> announced, 15 s clips, segment 2 s: n={latencies.Count}/{clipCount} p50={Percentile(latencies, 0.5):F2} s p95={Percentile(latencies, 0.95):F2} s max={latencies.LastOrDefault():F2} s");

// Phase 3: cut time of clips already in the cache (window ended 4 s ago: its last segment is closed).
var cutTimes = new ConcurrentBag<double>();
using (var cuts = new ActivityListener
{
    ShouldListenTo = s => s.Name == EdgeAgentTelemetry.Name,
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
    ActivityStopped = a =>
    {
        if (a.OperationName == "clip cut")
        {
            cutTimes.Add(a.Duration.TotalSeconds);
        }
    },
})
{
    ActivitySource.AddActivityListener(cuts);
    for (var i = 0; i < clipCount; i++)
    {
        var now = DateTimeOffset.UtcNow;
        var json = $$"""{"command":"start-recording","start":"{{UtcMillisecondsJsonConverter.ToWire(now.AddSeconds(-14))}}","end":"{{UtcMillisecondsJsonConverter.ToWire(now.AddSeconds(-4))}}","sensor":{"id":"cam{{i % cameras}}"},"commandId":"cut-{{i}}"}""";
        await producer.ProduceAsync(PlatformTopics.EdgeCommands, new Message<string, byte[]> { Key = $"cam{i % cameras}", Value = Encoding.UTF8.GetBytes(json) });
        // One at a time, so each cut's time is its own and not a queue behind the others.
        var wait = Stopwatch.StartNew();
        while (cutTimes.Count <= i && wait.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }
    }
}

var cutSorted = cutTimes.Order().ToList();
Console.WriteLine($"clip cut (cached 10 s window, segment 2 s): n={cutSorted.Count}/{clipCount} p50={Percentile(cutSorted, 0.5) * 1000:F0} ms p95={Percentile(cutSorted, 0.95) * 1000:F0} ms max={cutSorted.LastOrDefault() * 1000:F0} ms");

await host.StopAsync();
var (continuousRate, continuousAgent) = await ContinuousPhase.RunAsync(settings, cameras, TimeSpan.FromSeconds(15), measure, work.Path);
Console.WriteLine($"continuous vs bare ffmpeg recorders: {continuousRate / bareRate:F2}x; vs the agent without upload: {continuousRate / perCamera:F2}x");

await LivePhase.RunAsync(broker.BootstrapServers, s3, "bench", Math.Min(cameras, 2), measure,
    () => ProcCpu.Seconds(self) - ProcCpu.ThreadSeconds(self, "rdk:mock"), work.Path);
continuousAgent.Dispose();
foreach (var player in players)
{
    player.Kill();
    await player.WaitForExitAsync();
}

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

CameraOptions Camera(int i) => new() { Id = $"cam{i}", Source = Url(i) };

static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
{
    var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardError = true };
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }

    return info;
}

static async Task<double> MeasureAsync(Func<double> cpu, TimeSpan duration)
{
    var start = cpu();
    await Task.Delay(duration);
    return cpu() - start;
}

static async Task Run(string file, string[] arguments)
{
    var info = new ProcessStartInfo(file) { UseShellExecute = false };
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }

    using var process = Process.Start(info)!;
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} failed with {process.ExitCode}");
    }
}
