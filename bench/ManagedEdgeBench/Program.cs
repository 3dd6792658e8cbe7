using System.Globalization;
using System.Text;
using Npgsql;
using Platform.LocalInfra;
using Platform.LocalPlatform;
using Platform.ManagedEdgeBench;

// Cameras defined in the cloud, measured from the API call to video: the whole platform as processes (LocalPlatformRun:
// silo, gateway and its registered edge agent, RTSP test cameras), N cameras created through the API one after another
// with continuous recording on; for each, the time until the agent's first kept segment closes, until the API says it
// records, and until that segment is uploaded and listed, against bare ffmpeg's own time to the same segment on the same
// camera in the same run. Appends to bench/RESULTS.md.
//   dotnet run -c Release --project bench/ManagedEdgeBench -- [--cameras N] [--segment-seconds S]
var cameraCount = Option("--cameras", 3);
var segmentSeconds = Option("--segment-seconds", 1.0);
void Progress(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var cameras = Enumerable.Range(1, cameraCount).Select(i => $"bench{i.ToString(CultureInfo.InvariantCulture)}").ToList();
var logs = Path.Combine(Path.GetTempPath(), $"managed-edge-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
await using var platform = await LocalPlatformRun.StartAsync(
    new LocalPlatformOptions { Cameras = cameras, LogDirectory = logs }, Progress, cancel.Token);
using var api = new HttpClient { BaseAddress = platform.GatewayUrl };
api.DefaultRequestHeaders.Add("X-Api-Key", platform.AdminKey);
await using var catalog = NpgsqlDataSource.Create(platform.Infrastructure.Postgres!.ConnectionString());

var rows = new List<(CameraCreation Created, TimeSpan Bare)>();
foreach (var camera in cameras)
{
    var source = platform.Infrastructure.Cameras!.Url(camera);
    var bare = await BareFfmpegStart.MeasureAsync(source, segmentSeconds, cancel.Token);
    var created = await CameraCreation.MeasureAsync(api, catalog, camera, source, LocalPlatformRun.AgentId, DemoSeed.SiteId, segmentSeconds, cancel.Token);
    Progress($"{camera}: bare ffmpeg {bare.TotalSeconds:0.00} s; API create → first segment {created.FirstSegmentClosed.TotalSeconds:0.00} s, " +
        $"recording {created.Recording.TotalSeconds:0.00} s, catalogued {created.Catalogued.TotalSeconds:0.00} s");
    rows.Add((created, bare));
}

var block = Report(rows);
Console.WriteLine();
Console.WriteLine(block);
var results = Path.Combine(RepositoryPaths.FindRepositoryRoot(), "bench", "RESULTS.md");
await File.AppendAllTextAsync(results, block + "\n");
Progress($"appended to {results}");
return 0;

string Report(List<(CameraCreation Created, TimeSpan Bare)> measured)
{
    static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
    static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"### {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: API create to first segment, {measured.Count} cameras (ManagedEdgeBench)");
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
    text.AppendLine(CultureInfo.InvariantCulture, $"- parameters: segment {segmentSeconds} s, continuous on, agent heartbeat 5 s; cameras created one after another through POST /api/cameras");
    text.AppendLine("- baseline: bare ffmpeg (`-rtsp_transport tcp -c copy -f segment`) on the same mount, started by hand, until its second segment closes (the agent keeps a run's segments from the second)");
    text.AppendLine();
    text.AppendLine("| camera | bare ffmpeg | API → first segment closed | ratio | API → recording in the API | API → segment in S3 and listed |");
    text.AppendLine("|---|---|---|---|---|---|");
    foreach (var (created, bare) in measured)
    {
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {created.CameraId} | {S(bare)} s | {S(created.FirstSegmentClosed)} s | {created.FirstSegmentClosed / bare:0.00}× | {S(created.Recording)} s | {S(created.Catalogued)} s |");
    }

    var bareMedian = Median(measured.Select(m => m.Bare));
    var segmentMedian = Median(measured.Select(m => m.Created.FirstSegmentClosed));
    text.AppendLine(CultureInfo.InvariantCulture,
        $"| median | {S(bareMedian)} s | {S(segmentMedian)} s | {segmentMedian / bareMedian:0.00}× | {S(Median(measured.Select(m => m.Created.Recording)))} s | {S(Median(measured.Select(m => m.Created.Catalogued)))} s |");
    return text.ToString();
}

T Option<T>(string name, T fallback) where T : IParsable<T>
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? T.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
