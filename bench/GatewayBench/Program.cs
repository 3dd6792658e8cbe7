using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Bench;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Http;
using Platform.Gateway.Security;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.Storage;

// Clip listing latency of the real gateway on this machine: PostgreSQL, the embedded broker and the local S3
// server from LocalInfra, the gateway hosted in this process on Kestrel (loopback HTTP, API-key auth per request).
//   PLATFORM_TOOLS_DIR=... dotnet run -c Release --project bench/GatewayBench -- [clips=1000000] [cameras=200] [sites=5] [seconds=10] [clients=4]
// 1. bulk-loads the catalog with binary COPY (clips spread evenly over cameras and 30 days), then VACUUM ANALYZE;
// 2. prints the plan of each listing query (EXPLAIN ANALYZE of exactly the SQL the gateway builds);
// 3. per scenario, a few concurrent clients send requests for the given time after a warm-up: p50/p99/max, req/s.
var clips = Arg(0, 1_000_000);
var cameras = Arg(1, 200);
var sites = Arg(2, 5);
var seconds = Arg(3, 10);
var clients = Arg(4, 4);
var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
var span = TimeSpan.FromDays(30);
Console.WriteLine($"{clips:N0} clips, {cameras} cameras, {sites} sites; {clients} clients x {seconds} s per scenario; {Environment.ProcessorCount} cores");

using var broker = EmbeddedKafkaBroker.Start();
broker.CreateTopic(PlatformTopics.Alerts, PlatformTopics.ExternalPartitions);
await using var postgres = await PostgresServer.StartAsync();
await using var s3 = await S3Server.StartAsync();
var connectionString = await postgres.CreateDatabaseAsync("gateway_bench");
await using var db = NpgsqlDataSource.Create(connectionString);
await SchemaMigrator.MigrateAsync(db);

var loading = Stopwatch.StartNew();
await LoadAsync();
Console.WriteLine($"loaded and analyzed in {loading.Elapsed.TotalSeconds:F1} s; clips table + indexes {await ScalarAsync<string>("SELECT pg_size_pretty(pg_total_relation_size('clips'))")}");

var adminKey = ApiKeySecret.Generate().Value;
var (app, baseUrl) = await BenchGateway.StartAsync(connectionString, broker, s3, adminKey);
await using var _ = app;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = baseUrl };
http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, adminKey);
var siteKey = await CreateSiteKeyAsync("site-0");

// A cursor half-way down the whole catalog, and half-way down one camera's clips: what "next" returns after many pages.
var deep = await MiddleCursorAsync(null);
var deepCamera = await MiddleCursorAsync("cam-7");
var scenarios = new (string Name, ClipListQuery Plan, string? Key, Func<Random, string> Path)[]
{
    ("camera filter, first page", Query("cam-7"), null, r => $"/api/clips?cameraId=cam-{r.Next(cameras)}&limit=50"),
    ("unfiltered, first page", Query(null), null, _ => "/api/clips?limit=50"),
    ("unfiltered, deep page (cursor)", Query(null) with { After = deep.After }, null, _ => $"/api/clips?limit=50&cursor={deep.Cursor}"),
    ("camera filter, deep page (cursor)", Query("cam-7") with { After = deepCamera.After }, null, _ => $"/api/clips?cameraId=cam-7&limit=50&cursor={deepCamera.Cursor}"),
    ("site-scoped key, first page", Query(null) with { SiteId = "site-0" }, siteKey, _ => "/api/clips?limit=50"),
    ("camera + 1-day window", Query("cam-7") with { From = origin.AddDays(10), To = origin.AddDays(11) }, null,
        r => $"/api/clips?cameraId=cam-{r.Next(cameras)}&limit=50&from=2026-01-11T00:00:00Z&to=2026-01-12T00:00:00Z"),
};

Console.WriteLine();
foreach (var scenario in scenarios)
{
    await ExplainAsync(scenario.Name, scenario.Plan);
}

Console.WriteLine();
Console.WriteLine($"{"scenario",-36} {"requests",9} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
foreach (var scenario in scenarios)
{
    var (count, rate, p50, p99, max) = await MeasureAsync(scenario.Path, scenario.Key);
    Console.WriteLine($"{scenario.Name,-36} {count,9:N0} {rate,8:N0} {p50,8:F2} {p99,8:F2} {max,8:F2}");
}

await app.StopAsync();
return;

ClipListQuery Query(string? cameraId) => new(cameraId, null, null, null, null, null, null, 50);

async Task LoadAsync()
{
    await using (var command = db.CreateCommand(
        $"INSERT INTO sites (id, name) SELECT 'site-' || s, 'Site ' || s FROM generate_series(0, {sites - 1}) s; " +
        $"INSERT INTO cameras (id, site_id, name) SELECT 'cam-' || c, 'site-' || (c % {sites}), 'Camera ' || c FROM generate_series(0, {cameras - 1}) c"))
    {
        await command.ExecuteNonQueryAsync();
    }

    await using (var connection = await db.OpenConnectionAsync())
    await using (var writer = await connection.BeginBinaryImportAsync(
        "COPY clips (id, camera_id, session_id, rule_id, sensor_id, command_id, agent_id, requested_start, requested_end, start_at, end_at, " +
        "start_clipped, duration_seconds, size_bytes, sha256, container, bucket, object_key, thumbnail_key) FROM STDIN (FORMAT BINARY)"))
    {
        var step = span / clips;
        var random = new Random(42);
        for (var i = 0; i < clips; i++)
        {
            var camera = $"cam-{i % cameras}";
            var id = $"clip-{(ulong)i * 0x9E3779B97F4A7C15UL:x16}{i:x8}";
            var start = (origin + step * i + TimeSpan.FromSeconds(random.Next(60))).UtcDateTime;
            var path = $"clips/{camera}/{start:yyyy'/'MM'/'dd}/{id}";
            writer.StartRow();
            writer.Write(id, NpgsqlDbType.Text);
            writer.Write(camera, NpgsqlDbType.Text);
            writer.Write($"ses-{camera}-{i / (cameras * 3)}", NpgsqlDbType.Text);
            writer.Write($"rule-{i % 17}", NpgsqlDbType.Text);
            writer.Write($"sensor-{i % cameras}", NpgsqlDbType.Text);
            writer.Write($"cmd-{i}", NpgsqlDbType.Text);
            writer.Write($"agent-{i % cameras % sites}", NpgsqlDbType.Text);
            writer.Write(start.AddSeconds(-5), NpgsqlDbType.TimestampTz);
            writer.Write(start.AddSeconds(15), NpgsqlDbType.TimestampTz);
            writer.Write(start, NpgsqlDbType.TimestampTz);
            writer.Write(start.AddSeconds(15), NpgsqlDbType.TimestampTz);
            writer.Write(false, NpgsqlDbType.Boolean);
            writer.Write(15.0, NpgsqlDbType.Double);
            writer.Write(4_000_000L + random.Next(1_000_000), NpgsqlDbType.Bigint);
            writer.Write(new string('a', 64), NpgsqlDbType.Text);
            writer.Write("mp4", NpgsqlDbType.Text);
            writer.Write("clips", NpgsqlDbType.Text);
            writer.Write(path + ".mp4", NpgsqlDbType.Text);
            writer.Write(path + ".jpg", NpgsqlDbType.Text);
        }

        await writer.CompleteAsync();
    }

    await using var analyze = db.CreateCommand("VACUUM ANALYZE clips");
    await analyze.ExecuteNonQueryAsync();
}

async Task<string> CreateSiteKeyAsync(string siteId)
{
    var response = await http.PostAsJsonAsync("/api/keys", new { name = "bench viewer", role = Roles.Viewer, siteId });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
}

async Task<((DateTimeOffset, string) After, string Cursor)> MiddleCursorAsync(string? cameraId)
{
    await using var command = db.CreateCommand(
        "SELECT start_at, id FROM clips WHERE $1::text IS NULL OR camera_id = $1 ORDER BY start_at DESC, id DESC OFFSET $2 LIMIT 1");
    command.Parameters.Add(new() { Value = (object?)cameraId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    command.Parameters.Add(new() { Value = cameraId is null ? clips / 2 : clips / cameras / 2 });
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    var after = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1));
    return (after, Cursor.Encode(Cursor.Time(after.Item1), after.Item2));
}

async Task ExplainAsync(string name, ClipListQuery query)
{
    var (sql, arguments) = ClipCatalog.ListCommand(query);
    await using var command = db.CreateCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql);
    foreach (var argument in arguments)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
    }

    var plan = new List<string>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        plan.Add(reader.GetString(0));
    }

    Console.WriteLine($"-- {name}");
    foreach (var line in plan.Where(l => !l.TrimStart().StartsWith("Buffers", StringComparison.Ordinal) && !l.StartsWith("Planning", StringComparison.Ordinal)))
    {
        Console.WriteLine("   " + line);
    }
}

async Task<(int Count, double Rate, double P50, double P99, double Max)> MeasureAsync(Func<Random, string> path, string? key)
{
    async Task<List<double>> RunAsync(int worker, TimeSpan duration)
    {
        var random = new Random(worker);
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path(random));
            if (key is not null)
            {
                request.Headers.Remove(ApiKeyAuthenticationHandler.Header);
                request.Headers.Add(ApiKeyAuthenticationHandler.Header, key);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // Every scenario asks for a full page; an empty or failed one would measure nothing.
            if (!response.IsSuccessStatusCode || page.GetProperty("items").GetArrayLength() == 0)
            {
                throw new InvalidOperationException($"{request.RequestUri}: {(int)response.StatusCode}");
            }
        }

        return latencies;
    }

    await Task.WhenAll(Enumerable.Range(0, clients).Select(w => RunAsync(w, TimeSpan.FromSeconds(1))));
    var elapsed = Stopwatch.StartNew();
    var all = (await Task.WhenAll(Enumerable.Range(0, clients).Select(w => RunAsync(w, TimeSpan.FromSeconds(seconds))))).SelectMany(l => l).Order().ToList();
    var rate = all.Count / elapsed.Elapsed.TotalSeconds;
    return (all.Count, rate, all[(int)(all.Count * 0.50)], all[Math.Min(all.Count - 1, (int)(all.Count * 0.99))], all[^1]);
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var command = db.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync())!;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
