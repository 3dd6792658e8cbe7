using Npgsql;
using Platform.LocalInfra;
using Platform.LocalPlatform;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEndTests;

/// <summary>
/// The local platform with two silo processes: they form one Orleans cluster in PostgreSQL's membership table, each
/// at its own ports, share the Kafka partitions out between them, and a scene still ends as a clip in the catalog.
/// </summary>
public sealed class TwoSiloEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Camera = "cam1";
    private const int Active = 3; // Orleans SiloStatus.Active, as the membership table stores it

    private readonly TempDirectory logs = new("e2e-two-silos");
    private readonly List<string> progress = [];
    private LocalPlatformRun platform = null!;
    private SeededPlatform seeded = null!;

    public async Task InitializeAsync()
    {
        platform = await LocalPlatformRun.StartAsync(new LocalPlatformOptions
        {
            Configuration = BuiltTool.Configuration,
            Silos = 2,
            Cameras = [Camera],
            LogDirectory = logs.Path,
        }, Progress, CancellationToken.None);
        seeded = await SeededPlatform.SeedAsync(platform, Camera, logs.Path);
    }

    public async Task DisposeAsync()
    {
        seeded?.Dispose();
        await platform.DisposeAsync();
        logs.Dispose();
    }

    [Fact]
    public async Task Two_silos_are_active_members_of_one_cluster_share_the_partitions_and_a_scene_still_ends_as_a_clip()
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
        Assert.Equal(2, platform.Silos.Count);
        var ports = platform.Silos.SelectMany(s => new[] { s.SiloPort, s.GatewayPort }).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());

        // Both silos, at the address and ports they were given, are Active in the one cluster (the gateway finds
        // them there too: its readiness needs the cluster).
        await using var database = NpgsqlDataSource.Create(platform.Infrastructure.Postgres!.ConnectionString());
        var expected = platform.Silos.Select(s => $"127.0.0.1:{s.SiloPort} gateway {s.GatewayPort} status {Active}").Order().ToList();
        IReadOnlyList<string> members = [];
        await Eventually.WaitAsync(async () =>
        {
            members = await ReadAsync(database,
                "SELECT address, port, proxy_port, status FROM orleans_membership WHERE cluster_id = $1 AND status <> 6",
                r => $"{r.GetString(0)}:{r.GetInt32(1)} gateway {r.GetInt32(2)} status {r.GetInt32(3)}", LocalPlatformRun.ClusterId);
            return members.Order().SequenceEqual(expected);
        }, TimeSpan.FromSeconds(30), () => $"the membership table to list {string.Join("; ", expected)}; it lists {string.Join("; ", members)}");

        // Orleans' queue balancer gives each silo some of the Kafka partitions: each claimed one (its checkpoint row).
        IReadOnlyList<string> owners = [];
        await Eventually.WaitAsync(async () =>
        {
            owners = await ReadAsync(database, "SELECT DISTINCT owner FROM stream_checkpoints", r => r.GetString(0));
            return platform.Silos.All(s => owners.Any(o => o.StartsWith($"127.0.0.1:{s.SiloPort}@", StringComparison.Ordinal)));
        }, TimeSpan.FromSeconds(30), () => $"each silo to own a partition; owners: {string.Join(", ", owners)}");
        output.WriteLine($"partitions per silo: {string.Join(", ", await ReadAsync(database,
            "SELECT owner || ' ' || count(*) FROM stream_checkpoints GROUP BY owner ORDER BY owner", r => r.GetString(0)))}");

        var script = await seeded.PlaySceneAsync();
        var clip = await seeded.WaitForClipAsync(c => c.GetProperty("ruleId").GetString() == script.Sensor.Rules[0].Id.Value);
        await seeded.AssertDecodesAsync(clip);

        // Stopped together, each silo leaves by itself within its grace (it hands its queues over), none is killed.
        await platform.DisposeAsync();
        foreach (var silo in platform.Silos)
        {
            Assert.Contains(progress, line => line.StartsWith($"stopped the {silo.Process.Name} ", StringComparison.Ordinal));
        }
    }

    private void Progress(string line)
    {
        lock (progress)
        {
            progress.Add(line);
        }

        output.WriteLine(line);
    }

    private static async Task<IReadOnlyList<string>> ReadAsync(NpgsqlDataSource database, string sql, Func<NpgsqlDataReader, string> row,
        params object[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
