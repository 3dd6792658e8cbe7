using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.Silo;
using Platform.Silo.Ingress;
using Platform.SiloBench;

// Silo throughput and latency on this machine, everything real: embedded broker, PostgreSQL, an Orleans silo.
//   dotnet run -c Release --project bench/SiloBench -- [sensors=1000] [events=200000] [rate=5000] [partitions=32] [mode=all|formats]
// 1. raw: a consumer reads the produced DeepStream topic and parses every record (the stack's limit);
// 2. silo: the same events through the Kafka stream provider, the sensor grains and their state writes (events
//    per second, from the partition checkpoints, which move only past records every grain has stored);
// 3. latency: background load at a fixed offered rate, plus a probe sensor whose every new object fires a
//    record rule; event produced -> start-recording command consumed, p50/p99/max, and where the time goes;
//    and, in the same run, the broker floor: one record's produce -> consume on this broker with the same client
//    settings at the same offered rate (the command path crosses the broker twice: device -> silo -> agent).
// mode=formats instead compares DeepStream's payloads in one run: the parser's rate on one core for JSON minimal and
// protobuf nv.Frame holding the same objects (1 and 10 per frame), then steps 1 and 2 twice with each (A B A B), each
// round on its own topic and database.
var culture = CultureInfo.InvariantCulture;
var sensors = Arg(0, 1000);
var events = Arg(1, 200_000);
var rate = Arg(2, 5000);
var partitions = Arg(3, 32);
var mode = args.Length > 4 ? args[4] : "all";
var probeCamera = "probe-cam";
var Warmup = TimeSpan.FromSeconds(5);

using var broker = EmbeddedKafkaBroker.Start();
foreach (var (name, count) in PlatformTopics.Defaults)
{
    broker.CreateTopic(name, name == PlatformTopics.DeepStreamEvents ? partitions : count);
}

await using var postgres = await PostgresServer.StartAsync();
var start = TimeProvider.System.GetUtcNow();
if (mode == "formats")
{
    Console.WriteLine($"{sensors:N0} sensors, {events:N0} events per format, {partitions} device partitions, {Environment.ProcessorCount} cores");
    foreach (var objects in new[] { 1, 10 })
    {
        var json = ParseRate(BenchPayloads.Json, objects);
        var protobuf = ParseRate(BenchPayloads.Protobuf, objects);
        Console.WriteLine($"parse on one core, {objects} object(s) per frame: JSON minimal {json:N0} frames/s, protobuf nv.Frame {protobuf:N0} frames/s ({protobuf / json:F2}x); "
            + $"{BenchPayloads.Json(start, "sensor-1", objects, 1).Length} vs {BenchPayloads.Protobuf(start, "sensor-1", objects, 1).Length} bytes a frame");
    }

    // A B A B: the first silo of a process runs cold (JIT, PostgreSQL's caches), so each format runs twice.
    var round = 0;
    foreach (var (format, payload) in new (string, BenchPayloads.Writer)[]
        { ("json", BenchPayloads.Json), ("protobuf", BenchPayloads.Protobuf), ("json", BenchPayloads.Json), ("protobuf", BenchPayloads.Protobuf) })
    {
        var topic = $"bench.{format}.{++round}";
        broker.CreateTopic(topic, partitions);
        ProduceEvents(topic, events, sensors, start, payload);
        Console.WriteLine($"round {round}, {format}: raw consume + parse {RawConsumeAndParse(topic, events):N0} events/s");
        await MeasureSiloThroughputAsync(topic, await postgres.CreateDatabaseAsync($"bench_{round}"), $"round {round}, {format}");
    }

    return;
}

var database = await postgres.CreateDatabaseAsync("bench");
Console.WriteLine($"{sensors:N0} sensors, {events:N0} minimal-schema events, {partitions} device partitions, {Environment.ProcessorCount} cores");

var produced = Stopwatch.StartNew();
ProduceEvents(PlatformTopics.DeepStreamEvents, events, sensors, start, BenchPayloads.Json);
Console.WriteLine($"produce: {events / produced.Elapsed.TotalSeconds:N0} events/s");
Console.WriteLine($"raw consume + parse: {RawConsumeAndParse(PlatformTopics.DeepStreamEvents, events):N0} events/s");
await MeasureSiloThroughputAsync(PlatformTopics.DeepStreamEvents, database, "silo");

var floor = await MeasureBrokerFloorAsync(TimeSpan.FromSeconds(15));
Console.WriteLine($"broker floor, one hop at {rate:N0} records/s (produce -> consume, the platform's client settings): n={floor.Count}, p50 {At(floor, 0.50):F1} ms, p99 {At(floor, 0.99):F1} ms, max {floor[^1]:F1} ms");

await SeedProbeAsync(database);
await using (var silo = BuildSilo(database))
{
    await silo.StartAsync();
    using var stages = new LatencyStages();
    var probes = await MeasureLatencyAsync(Warmup + TimeSpan.FromSeconds(20), stages);
    var latencies = probes.Select(p => Stopwatch.GetElapsedTime(p.Produced, p.Arrived).TotalMilliseconds).Order().ToList();
    Console.WriteLine($"event -> command at {rate:N0} events/s offered, after {Warmup.TotalSeconds:F0} s of warm-up: n={latencies.Count}, p50 {At(latencies, 0.50):F1} ms, p90 {At(latencies, 0.90):F1} ms, p95 {At(latencies, 0.95):F1} ms, p99 {At(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms; "
        + $"p50 {At(latencies, 0.50) / At(floor, 0.50):F1}x and p99 {At(latencies, 0.99) / At(floor, 0.99):F1}x the one-hop floor");
    Console.WriteLine($"  stages: {stages.Report(probes)}");
    await silo.StopAsync();
}

return;

static double At(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];

// Every 500th record of `rate` records/s is timed from Produce to its arrival at a group consumer: the least any
// hop through this broker costs with the platform's producer (linger 5 ms) and consumer (fetch wait 10 ms) settings.
async Task<List<double>> MeasureBrokerFloorAsync(TimeSpan duration)
{
    const string topic = "bench.floor";
    broker.CreateTopic(topic, partitions);
    var sent = new System.Collections.Concurrent.ConcurrentDictionary<long, long>();
    var latencies = new List<double>();
    using var stop = new CancellationTokenSource();
    var listener = Task.Run(() =>
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(KafkaClientSettings.GroupMember(broker.BootstrapServers, "floor-" + Guid.NewGuid().ToString("N"), "floor")).Build();
        consumer.Subscribe(topic);
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } record && sent.TryRemove(BitConverter.ToInt64(record.Message.Value), out var produced))
            {
                latencies.Add(Stopwatch.GetElapsedTime(produced).TotalMilliseconds);
            }
        }

        consumer.Close();
    });
    await Task.Delay(TimeSpan.FromSeconds(4)); // the listener's group join
    using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(broker.BootstrapServers, "floor")).Build();
    var clock = Stopwatch.StartNew();
    for (long i = 0; clock.Elapsed < duration; i++)
    {
        var due = TimeSpan.FromSeconds(i / (double)rate);
        if (due > clock.Elapsed)
        {
            await Task.Delay(due - clock.Elapsed);
        }

        if (i % 500 == 0 && clock.Elapsed > Warmup)
        {
            sent[i] = Stopwatch.GetTimestamp();
        }

        producer.Produce(topic, new Message<string, byte[]> { Key = $"sensor-{i % sensors}", Value = BitConverter.GetBytes(i) });
    }

    producer.Flush(TimeSpan.FromSeconds(30));
    await Task.Delay(TimeSpan.FromSeconds(2));
    await stop.CancelAsync();
    await listener;
    latencies.Sort();
    return latencies;
}

async Task SeedProbeAsync(string connectionString)
{
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    await using var batch = dataSource.CreateBatch();
    batch.BatchCommands.Add(new($"INSERT INTO cameras (id, name) VALUES ('{probeCamera}', 'Probe')"));
    batch.BatchCommands.Add(new($$"""
        INSERT INTO sensors (id, camera_id, name, zones) VALUES ('probe-sensor', '{{probeCamera}}', 'Probe',
          '[{"id":"all","name":"All","polygon":[{"x":0,"y":0},{"x":4000,"y":0},{"x":4000,"y":4000},{"x":0,"y":4000}]}]')
        """));
    batch.BatchCommands.Add(new($$"""
        INSERT INTO rules (id, name, sensor_ids, definition) VALUES ('probe', 'Probe', ARRAY['probe-sensor'],
          '{"id":"probe","name":"Probe","sensorIds":["probe-sensor"],
            "condition":{"type":"object-in-zone","zoneId":"all","classes":["Person"],"trigger":"on-enter"},
            "actions":[{"type":"record","cameraId":"{{probeCamera}}","preRoll":"00:00:01","postRoll":"00:00:02","maxSession":"01:00:00"}]}')
        """));
    await batch.ExecuteNonQueryAsync();
}

// Offers `rate` events/s for `duration`: background sensors plus, every 500th event, a new object on the probe
// sensor. Each probe extends the open session, so the camera re-sends start-recording with end = probe + 2 s.
async Task<List<(string TraceParent, long Produced, long Arrived)>> MeasureLatencyAsync(TimeSpan duration, LatencyStages stages)
{
    var sent = new System.Collections.Concurrent.ConcurrentDictionary<string, (long Produced, string TraceParent)>();
    var arrived = new List<(string TraceParent, long Produced, long Arrived)>();
    using var stop = new CancellationTokenSource();
    var listener = Task.Run(() =>
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(KafkaClientSettings.GroupMember(broker.BootstrapServers, "latency-" + Guid.NewGuid().ToString("N"), "latency")).Build();
        consumer.Subscribe(PlatformTopics.EdgeCommands);
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { } record)
            {
                continue;
            }

            using var json = System.Text.Json.JsonDocument.Parse(record.Message.Value);
            var end = json.RootElement.GetProperty("end").GetString()!;
            if (sent.TryRemove(end, out var probe))
            {
                lock (arrived)
                {
                    arrived.Add((probe.TraceParent, probe.Produced, Stopwatch.GetTimestamp()));
                }
            }
        }

        consumer.Close();
    });
    await Task.Delay(TimeSpan.FromSeconds(4)); // the listener's group join
    using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(broker.BootstrapServers, "latency")).Build();
    var clock = Stopwatch.StartNew();
    var at = TimeProvider.System.GetUtcNow();
    for (long i = 0; clock.Elapsed < duration; i++)
    {
        var due = TimeSpan.FromSeconds(i / (double)rate);
        if (due > clock.Elapsed)
        {
            await Task.Delay(due - clock.Elapsed);
        }

        var now = at + clock.Elapsed;
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", culture);
        var probe = i % 500 == 0;
        var sensor = probe ? "probe-sensor" : $"sensor-{i % sensors}";
        var json = $$"""{"@timestamp":"{{timestamp}}","sensorId":"{{sensor}}","objects":["{{(probe ? i : i % 7)}}|100|200|180|400|Person"]}""";
        // The first seconds warm up the path (first activations, first control-topic fetches, JIT): not measured.
        var message = new Message<string, byte[]> { Key = sensor, Value = Encoding.UTF8.GetBytes(json), Headers = [] };
        if (probe && clock.Elapsed > Warmup)
        {
            var traceParent = stages.Track();
            message.Headers.Add(TraceContextHeaders.TraceParent, Encoding.ASCII.GetBytes(traceParent));
            sent[now.AddSeconds(2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", culture)] = (Stopwatch.GetTimestamp(), traceParent);
        }

        producer.Produce(PlatformTopics.DeepStreamEvents, message);
    }

    producer.Flush(TimeSpan.FromSeconds(30));
    await Task.Delay(TimeSpan.FromSeconds(3)); // the last commands
    await stop.CancelAsync();
    await listener;
    return arrived;
}

async Task MeasureSiloThroughputAsync(string topic, string connectionString, string label)
{
    await using var silo = BuildSilo(connectionString, topic);
    using var meters = new SiloMeters();
    var clock = Stopwatch.StartNew();
    await silo.StartAsync();
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    // Measured between the first and the last checkpoint: from the silo's start the first ones wait for its queues.
    long applied = 0, appliedAtFirst = 0;
    TimeSpan firstAt = TimeSpan.Zero, lastAt = TimeSpan.Zero;
    while (applied < events && clock.Elapsed < TimeSpan.FromMinutes(10))
    {
        await Task.Delay(200);
        var now = await Scalar(dataSource, $"SELECT coalesce(sum(next_offset), 0) FROM stream_checkpoints WHERE topic = '{topic}'");
        if (now > applied)
        {
            lastAt = clock.Elapsed;
            if (applied == 0)
            {
                (firstAt, appliedAtFirst) = (lastAt, now);
            }
        }

        applied = now;
    }

    var seconds = (lastAt - firstAt).TotalSeconds;
    var grains = await Scalar(dataSource, "SELECT count(*) FROM grain_states");
    Console.WriteLine($"{label}: silo (stream provider + grains + state writes): {(applied - appliedAtFirst) / seconds:N0} events/s between the first and the last checkpoint; {grains:N0} grain states; "
        + $"silo started in {firstAt.TotalSeconds:F1} s; RSS {Environment.WorkingSet / 1048576:N0} MiB (broker, PostgreSQL client and silo in this process)");
    Console.WriteLine($"  silo meters: {meters.Report()}");
    await silo.StopAsync();
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], culture) : fallback;

void ProduceEvents(string topic, int count, int sensorCount, DateTimeOffset at, BenchPayloads.Writer payload)
{
    using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(broker.BootstrapServers, "bench")).Build();
    var failed = 0;
    for (var i = 0; i < count; i++)
    {
        var sensor = $"sensor-{i % sensorCount}";
        var message = new Message<string, byte[]> { Key = sensor, Value = payload(at.AddMilliseconds(i / sensorCount * 40), sensor, 1, i) };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, r => { if (r.Error.IsError) Interlocked.Increment(ref failed); });
                break;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    producer.Flush(TimeSpan.FromMinutes(1));
    if (failed > 0) throw new InvalidOperationException($"{failed} deliveries failed");
}

double RawConsumeAndParse(string topic, int count)
{
    var parser = new DeepStreamParser(new IngressLimits(), TimeProvider.System);
    using var consumer = new ConsumerBuilder<Ignore, byte[]>(KafkaClientSettings.GroupMember(broker.BootstrapServers, "raw-" + Guid.NewGuid().ToString("N"), "raw")).Build();
    consumer.Subscribe(topic);
    var seen = 0;
    var clock = new Stopwatch();
    while (seen < count)
    {
        var record = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException($"stalled at {seen}: did records fall off the log start?");
        if (seen++ == 0) clock.Start();
        if (!parser.TryParse(record.Message.Value, out _, out var rejection)) throw new InvalidOperationException(rejection.Detail);
    }

    consumer.Close();
    return (seen - 1) / clock.Elapsed.TotalSeconds;
}

// The parser alone on this thread: frames/s over 2 s, after a warm-up, from 1,000 distinct payloads.
double ParseRate(BenchPayloads.Writer payload, int objects)
{
    var parser = new DeepStreamParser(new IngressLimits(), TimeProvider.System);
    var frames = Enumerable.Range(0, 1000).Select(i => payload(start, $"sensor-{i % sensors}", objects, i)).ToArray();
    var parsed = 0L;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(3))
    {
        if (!parser.TryParse(frames[parsed++ % frames.Length], out _, out var rejection)) throw new InvalidOperationException(rejection.Detail);
        if (parsed == 20_000) clock.Restart(); // the first ones warm up (JIT, tiered compilation)
    }

    return (parsed - 20_000) / clock.Elapsed.TotalSeconds;
}

WebApplication BuildSilo(string connectionString, string topic = PlatformTopics.DeepStreamEvents)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration["Kafka:BootstrapServers"] = broker.BootstrapServers;
    builder.Configuration["Kafka:DeepStreamTopic"] = topic;
    builder.Configuration["Postgres:ConnectionString"] = connectionString;
    builder.Configuration["Health:Urls"] = "http://127.0.0.1:0";
    builder.Configuration["Orleans:AdvertisedAddress"] = "127.0.0.1";
    builder.Configuration["Orleans:SiloPort"] = FreePort.Next().ToString(culture);
    builder.Configuration["Orleans:GatewayPort"] = FreePort.Next().ToString(culture);
    builder.AddSilo();
    var app = builder.Build();
    app.MapSilo();
    return app;
}

static async Task<long> Scalar(NpgsqlDataSource dataSource, string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}
