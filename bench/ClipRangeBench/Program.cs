using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Npgsql;
using Platform.Bench;
using Platform.Gateway.Security;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.Storage;

// Clip content through the gateway (`GET /api/clips/{id}/content?proxy=true`): what a player does when it cannot
// reach the object store. The real gateway on Kestrel, PostgreSQL, the embedded broker and the local S3 server.
//   dotnet run -c Release --project bench/ClipRangeBench -- [clipMiB=64] [seconds=10] [clients=4] [rangeKiB=1024]
// Scenarios: random ranges of rangeKiB (seeking), the whole clip (download), and a 2-byte range (the player's
// first probe: per-request overhead: the stat, the presign or SDK call, the S3 round trip).
// Seeding goes through plain unsigned HTTP (the local server accepts it), so this file builds against any client
// library the gateway uses: the same program measures before and after a change of the S3 SDK.
var clipMiB = Arg(0, 64);
var seconds = Arg(1, 10);
var clients = Arg(2, 4);
var rangeKiB = Arg(3, 1024);
Console.WriteLine($"{clipMiB} MiB clip; {clients} clients x {seconds} s per scenario; ranges of {rangeKiB} KiB; {Environment.ProcessorCount} cores");

using var broker = EmbeddedKafkaBroker.Start();
broker.CreateTopic(PlatformTopics.Alerts, PlatformTopics.ExternalPartitions);
await using var postgres = await PostgresServer.StartAsync();
await using var s3 = await S3Server.StartAsync();
var connectionString = await postgres.CreateDatabaseAsync("clip_range_bench");
await using var db = NpgsqlDataSource.Create(connectionString);
await SchemaMigrator.MigrateAsync(db);

var video = RandomNumberGenerator.GetBytes(clipMiB * 1024 * 1024);
const string Key = "clips/cam-1/2026/01/01/clip-bench.mp4";
using (var seed = new HttpClient { BaseAddress = s3.ServiceUrl })
{
    (await seed.PutAsync("/clips", null)).EnsureSuccessStatusCode();
    using var body = new ByteArrayContent(video) { Headers = { ContentType = new MediaTypeHeaderValue("video/mp4") } };
    (await seed.PutAsync($"/clips/{Key}", body)).EnsureSuccessStatusCode();
}

await using (var command = db.CreateCommand("INSERT INTO sites (id, name) VALUES ('site-1', 'Site 1'); INSERT INTO cameras (id, site_id, name) VALUES ('cam-1', 'site-1', 'Camera 1')"))
{
    await command.ExecuteNonQueryAsync();
}

await using (var command = db.CreateCommand(
    """
    INSERT INTO clips (id, camera_id, session_id, rule_id, sensor_id, command_id, agent_id, requested_start, requested_end,
                       start_at, end_at, start_clipped, duration_seconds, size_bytes, sha256, container, bucket, object_key, thumbnail_key)
    VALUES ('clip-bench', 'cam-1', 'ses-1', 'rule-1', 'sensor-1', 'cmd-1', 'agent-1', now(), now(), now(), now(), false, 60,
            $1, $2, 'mp4', 'clips', $3, NULL)
    """))
{
    command.Parameters.Add(new NpgsqlParameter { Value = (long)video.Length });
    command.Parameters.Add(new NpgsqlParameter { Value = Convert.ToHexStringLower(SHA256.HashData(video)) });
    command.Parameters.Add(new NpgsqlParameter { Value = Key });
    await command.ExecuteNonQueryAsync();
}

var adminKey = ApiKeySecret.Generate().Value;
var (app, baseUrl) = await BenchGateway.StartAsync(connectionString, broker, s3, adminKey, new Dictionary<string, string?> { ["S3:Bucket"] = "clips" });
await using var _ = app;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = baseUrl };
http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, adminKey);
var rangeBytes = rangeKiB * 1024L;
var scenarios = new (string Name, Func<Random, (long From, long To)?> Range)[]
{
    ($"random {rangeKiB} KiB ranges", r => { var from = r.NextInt64(video.Length - rangeBytes); return (from, from + rangeBytes - 1); }),
    ("whole clip", _ => null),
    ("2-byte probe", _ => (0, 1)),
};

Console.WriteLine($"{"scenario",-24} {"requests",9} {"req/s",8} {"MiB/s",8} {"p50 ms",8} {"p99 ms",8}");
foreach (var scenario in scenarios)
{
    var (count, rate, mibPerSecond, p50, p99) = await MeasureAsync(scenario.Range);
    Console.WriteLine($"{scenario.Name,-24} {count,9:N0} {rate,8:N1} {mibPerSecond,8:N1} {p50,8:F2} {p99,8:F2}");
}

await app.StopAsync();
return;

async Task<(int Count, double Rate, double MiBPerSecond, double P50, double P99)> MeasureAsync(Func<Random, (long From, long To)?> pick)
{
    long bytes = 0;

    async Task<List<double>> RunAsync(int worker, TimeSpan duration)
    {
        var random = new Random(worker);
        var latencies = new List<double>();
        var buffer = new byte[81920];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var range = pick(random);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/clips/clip-bench/content?proxy=true");
            if (range is { } r)
            {
                request.Headers.Range = new RangeHeaderValue(r.From, r.To);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var expected = range is { } x ? HttpStatusCode.PartialContent : HttpStatusCode.OK;
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"{request.RequestUri}: {(int)response.StatusCode}, expected {(int)expected}");
            }

            await using var body = await response.Content.ReadAsStreamAsync();
            long read = 0;
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                read += n;
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var length = range is { } y ? y.To - y.From + 1 : video.Length;
            if (read != length)
            {
                throw new InvalidOperationException($"read {read} bytes, expected {length}");
            }

            Interlocked.Add(ref bytes, read);
        }

        return latencies;
    }

    await Task.WhenAll(Enumerable.Range(0, clients).Select(w => RunAsync(w, TimeSpan.FromSeconds(1))));
    Interlocked.Exchange(ref bytes, 0);
    var elapsed = Stopwatch.StartNew();
    var all = (await Task.WhenAll(Enumerable.Range(0, clients).Select(w => RunAsync(w, TimeSpan.FromSeconds(seconds))))).SelectMany(l => l).Order().ToList();
    var wall = elapsed.Elapsed.TotalSeconds;
    return (all.Count, all.Count / wall, bytes / wall / (1024 * 1024), all[(int)(all.Count * 0.50)], all[Math.Min(all.Count - 1, (int)(all.Count * 0.99))]);
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
