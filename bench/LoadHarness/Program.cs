using System.Diagnostics;
using Platform.LoadHarness;
using Platform.LocalInfra;
using Platform.LocalPlatform;

// The whole platform under load: starts it as real processes (LocalPlatformRun, no cameras, no edge agent: commands
// are measured where they leave the platform, on edge.commands), seeds N sensors through the API, offers R events/s
// for T seconds and reports throughput, lag, event → command latency, CPU and memory. Appends to bench/RESULTS.md.
//   dotnet run -c Release --project bench/LoadHarness -- --rate R --duration T --sensors N [--silos S] [--rules-fraction F]
var options = HarnessOptions.Parse(args);
var machine = MachineInfo.Read();
var startedUtc = DateTimeOffset.UtcNow;
var logs = Path.Combine(Path.GetTempPath(), $"load-harness-{startedUtc:yyyyMMdd-HHmmss}");
void Progress(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

Progress($"service logs in {logs}; load average {machine.LoadAverage}");
await using var platform = await LocalPlatformRun.StartAsync(new LocalPlatformOptions
{
    Cameras = [],
    EdgeAgent = false,
    Silos = options.Silos,
    LogDirectory = logs,
    // Seeding sends a few thousand requests with one key; the default limit (1200/min) is for people, not for this.
    Settings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["gateway"] = new Dictionary<string, string> { ["Auth:RequestsPerMinute"] = "10000000" } },
}, Progress, cancel.Token);

var seeding = Stopwatch.StartNew();
Progress($"seeding {options.Sensors:N0} cameras and sensors, {options.RuleSensors:N0} rules through the API");
await LoadSeed.SeedAsync(platform.GatewayUrl, platform.AdminKey, options, cancel.Token);
Progress($"seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

var result = await new LoadRun(platform, options, Progress).RunAsync(machine, startedUtc, seeding.Elapsed.TotalSeconds, cancel.Token);
var block = ResultsReport.Format(result);
Console.WriteLine();
Console.WriteLine(block);
var results = Path.Combine(RepositoryPaths.FindRepositoryRoot(), "bench", "RESULTS.md");
if (!File.Exists(results))
{
    await File.WriteAllTextAsync(results, "# Benchmark results\n\nAppended by `bench/LoadHarness`: one block per run, newest last.\n\n");
}

await File.AppendAllTextAsync(results, block + "\n");
Progress($"appended to {results}");
