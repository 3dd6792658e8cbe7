using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;
using Platform.Storage;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Orleans;

/// <summary>
/// The Orleans ADO.NET clustering, reminder and grain storage providers against migration 0008 on a real
/// PostgreSQL: real silos and a client where the behaviour is the cluster's, the provider classes alone where the
/// point is what the stored queries accept and refuse. Each test migrates its own database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AdoNetProvidersTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Active = 3;
    private const int Dead = 6;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Two_silos_and_a_client_form_one_cluster_through_the_table_and_a_silo_stopped_gracefully_is_marked_dead()
    {
        var database = await MigratedDatabaseAsync("orleans_cluster");
        var clusterId = NewClusterId();
        await using var first = OrleansTestHost.Silo(database, clusterId, output);
        await using var second = OrleansTestHost.Silo(database, clusterId, output);
        // Started together: both race for the version row and their first membership rows, which the stored
        // queries must serialise (one insert wins per version, the other re-reads and retries).
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        var rows = await MembershipAsync(database, clusterId);
        Assert.Equal(new[] { (first.SiloPort, Active), (second.SiloPort, Active) }.Order(), rows.Order());

        await using var client = OrleansTestHost.Client(database, clusterId, output);
        await client.StartAsync();
        var anywhere = await client.Grains.GetGrain<ISiloProbeGrain>("anywhere").SiloPortAsync().WaitAsync(CallTimeout);
        Assert.Contains(anywhere, new[] { first.SiloPort, second.SiloPort });

        // Placed on the second silo by calling through that silo's own grain factory (the grain prefers local).
        var pinned = "pinned-to-second";
        Assert.Equal(second.SiloPort, await second.Grains.GetGrain<ISiloProbeGrain>(pinned).SiloPortAsync().WaitAsync(CallTimeout));

        await second.StopAsync();

        rows = await MembershipAsync(database, clusterId);
        Assert.Equal(new[] { (first.SiloPort, Active), (second.SiloPort, Dead) }.Order(), rows.Order());
        // The client reaches the same grain again, now activated on the survivor.
        Assert.Equal(first.SiloPort, await client.Grains.GetGrain<ISiloProbeGrain>(pinned).SiloPortAsync().WaitAsync(CallTimeout));
    }

    [Fact]
    public async Task Grain_state_survives_deactivation_and_a_silo_restart_and_stale_writes_are_refused()
    {
        var database = await MigratedDatabaseAsync("orleans_storage");
        var clusterId = NewClusterId();
        const string key = "camera-7";

        await using (var silo = OrleansTestHost.Silo(database, clusterId, output))
        {
            await silo.StartAsync();
            var counter = silo.Grains.GetGrain<IStoredCounterGrain>(key);
            for (var i = 0; i < 3; i++)
            {
                await counter.IncrementAsync();
            }

            var activation = await counter.ActivationAsync();
            await counter.DeactivateAsync();
            await Eventually.WaitAsync(async () => await counter.ActivationAsync() != activation, CallTimeout,
                () => "the counter to be activated again");
            Assert.Equal(3, await counter.GetAsync());
        }

        // One row, written once and updated twice; keyed by the state name and the string key.
        Assert.Equal([("counter", key, 3)], await GrainStorageAsync(database));

        await using var restarted = OrleansTestHost.Silo(database, clusterId, output);
        await restarted.StartAsync();
        var again = restarted.Grains.GetGrain<IStoredCounterGrain>(key);
        Assert.Equal(3, await again.GetAsync());

        // Two readers of version 3 stand for two activations of the grain at once (e.g. during a membership change).
        // The first write wins; the second, and the live activation that also read version 3, are refused.
        var storage = restarted.Services.GetRequiredKeyedService<IGrainStorage>(OrleansTestHost.StorageName);
        var grainId = again.GetGrainId();
        var winner = await ReadAsync(storage, grainId);
        var loser = await ReadAsync(storage, grainId);
        winner.State = new CounterState { Value = 100 };
        await storage.WriteStateAsync(StoredCounterGrain.StateName, grainId, winner);
        loser.State = new CounterState { Value = 200 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StoredCounterGrain.StateName, grainId, loser));
        await Assert.ThrowsAsync<InconsistentStateException>(() => again.IncrementAsync());
        // A writer that never read (no etag) cannot insert over an existing state either.
        var blind = new GrainState<CounterState>(new CounterState { Value = 300 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StoredCounterGrain.StateName, grainId, blind));
        // Nor can a stale reader clear it.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StoredCounterGrain.StateName, grainId, loser));

        // The refused activation was dropped; the next one reads the winner's state.
        Assert.Equal(100, await again.GetAsync());
        Assert.Equal([("counter", key, 4)], await GrainStorageAsync(database));

        await again.ClearAsync();
        Assert.Equal(0, await again.GetAsync());
        var cleared = await ReadAsync(storage, grainId);
        Assert.False(cleared.RecordExists);
        Assert.Equal("5", cleared.ETag);
    }

    [Fact]
    public async Task Reminder_is_stored_fires_and_is_gone_after_unregistering()
    {
        var database = await MigratedDatabaseAsync("orleans_reminders");
        await using var silo = OrleansTestHost.Silo(database, NewClusterId(), output);
        await silo.StartAsync();
        var probe = silo.Grains.GetGrain<IReminderProbeGrain>("sensor-3");
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grainId = probe.GetGrainId();

        await probe.StartAsync(TimeSpan.FromSeconds(1));
        Assert.Equal([(grainId.ToString(), ReminderProbeGrain.ReminderName, 1000L)], await RemindersAsync(database));
        await Eventually.WaitAsync(async () => await probe.TicksAsync() >= 2, TimeSpan.FromSeconds(10),
            () => "the reminder to fire twice");

        // Registering again replaces the row and its etag: removal with the etag read before is refused.
        var before = Assert.IsType<ReminderEntry>(await table.ReadRow(grainId, ReminderProbeGrain.ReminderName)).ETag;
        await probe.StartAsync(TimeSpan.FromSeconds(2));
        var after = Assert.IsType<ReminderEntry>(await table.ReadRow(grainId, ReminderProbeGrain.ReminderName)).ETag;
        Assert.NotNull(before);
        Assert.NotEqual(before, after);
        Assert.False(await table.RemoveRow(grainId, ReminderProbeGrain.ReminderName, before));
        Assert.Equal([(grainId.ToString(), ReminderProbeGrain.ReminderName, 2000L)], await RemindersAsync(database));
        // Ring ranges are (begin, end]: the whole ring (begin = end) and a range ending at the grain's hash hold it,
        // a range starting there does not.
        var hash = grainId.GetUniformHashCode();
        Assert.Single((await table.ReadRows(0, 0)).Reminders);
        Assert.Single((await table.ReadRows(unchecked(hash - 1), hash)).Reminders);
        Assert.Empty((await table.ReadRows(hash, unchecked(hash + 1))).Reminders);

        await probe.StopAsync();
        Assert.Empty(await RemindersAsync(database));
        Assert.False(await probe.IsRegisteredAsync());
    }

    [Fact]
    public async Task Membership_writes_are_refused_once_the_table_version_has_moved()
    {
        var table = await ClusteringTableAsync("orleans_membership");
        var empty = await table.ReadAllAsync();
        Assert.Equal(0, empty.Version.Version);
        Assert.Empty(empty.Members);

        // Ten silos insert against the same version at once: exactly one succeeds.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var racers = Enumerable.Range(0, 10).Select(i => Entry(11000 + i, SiloStatus.Joining, now)).ToList();
        var results = await Task.WhenAll(racers.Select(e => table.InsertRowAsync(e, empty.Version.Next())));
        Assert.Single(results, r => r);
        var one = await table.ReadAllAsync();
        Assert.Equal(1, one.Version.Version);
        var (winner, etag) = Assert.Single(one.Members);

        // The same row again, with the right version: refused, and the version stays.
        Assert.False(await table.InsertRowAsync(winner, one.Version.Next()));
        Assert.Equal(1, (await table.ReadAllAsync()).Version.Version);

        // An update with the etag and version read before another silo's insert is refused; re-read, it succeeds.
        Assert.True(await table.InsertRowAsync(Entry(12000, SiloStatus.Joining, now), one.Version.Next()));
        winner.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRowAsync(winner, etag, one.Version.Next()));
        Assert.Equal(SiloStatus.Joining, (await table.ReadRowAsync(winner.SiloAddress)).Members.Single().Item1.Status);
        var two = await table.ReadAllAsync();
        Assert.Equal(2, two.Version.Version);
        Assert.True(await table.UpdateRowAsync(winner, two.Version.VersionEtag, two.Version.Next()));

        // The heartbeat is not a membership change: it moves no version.
        winner.IAmAliveTime = now.AddSeconds(5);
        await table.UpdateIAmAliveAsync(winner);
        var three = await table.ReadRowAsync(winner.SiloAddress);
        Assert.Equal(3, three.Version.Version);
        var stored = Assert.Single(three.Members).Item1;
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(winner.IAmAliveTime, stored.IAmAliveTime, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Clients_are_offered_only_active_silos_with_a_gateway()
    {
        var clusterId = NewClusterId();
        var database = await MigratedDatabaseAsync("orleans_gateways");
        var table = await ClusteringTableAsync(database, clusterId);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var active = Entry(12000, SiloStatus.Active, now);
        foreach (var entry in new[] { active, Entry(13000, SiloStatus.Active, now, proxyPort: 0),
            Entry(14000, SiloStatus.Joining, now), Entry(15000, SiloStatus.Dead, now) })
        {
            Assert.True(await InsertAsync(table, entry));
        }

        Assert.Equal([active.ProxyPort], await GatewaysAsync(database, clusterId));
    }

    [Fact]
    public async Task Cleanup_removes_only_silos_declared_dead_before_the_cut_off()
    {
        var clusterId = NewClusterId();
        var database = await MigratedDatabaseAsync("orleans_cleanup");
        var table = await ClusteringTableAsync(database, clusterId);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var longAgo = now.AddDays(-8);
        var cutOff = now.AddDays(-7);
        // 15000: dead long ago, with a vote (10.4.2 re-sends the votes it read: they must compare equal);
        // 16000: dead recently; 17000 and 18000: old, but never declared dead.
        var voter = Entry(14000, SiloStatus.Active, now);
        var oldDead = Entry(15000, SiloStatus.Dead, longAgo);
        foreach (var entry in new[] { voter, oldDead, Entry(16000, SiloStatus.Dead, now),
            Entry(17000, SiloStatus.Active, longAgo), Entry(18000, SiloStatus.Joining, longAgo) })
        {
            Assert.True(await InsertAsync(table, entry));
        }

        // Votes only come with updates, as from silos.
        oldDead.SuspectTimes = [Tuple.Create(voter.SiloAddress, longAgo)];
        var current = await table.ReadAllAsync();
        Assert.True(await table.UpdateRowAsync(oldDead, current.Version.VersionEtag, current.Version.Next()));
        var before = await table.ReadAllAsync();
        Assert.Equal(voter.SiloAddress, Assert.Single(Member(before, 15000).SuspectTimes ?? []).Item1);

        await table.CleanupDefunctSiloEntriesAsync(cutOff);

        var after = await table.ReadAllAsync();
        Assert.Equal([14000, 16000, 17000, 18000], Ports(after));
        // Removing dead rows is no membership change.
        Assert.Equal(before.Version.Version, after.Version.Version);

        // Without the optional per-row key 10.4.2 falls back to the bulk key: the same rule. (Older public scripts
        // delete every row that is not Active, 17000 excepted, so the old Joining silo too.)
        await ExecuteAsync(database, "DELETE FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'");
        var fallback = await ClusteringTableAsync(database, clusterId);
        Assert.True(await InsertAsync(fallback, Entry(19000, SiloStatus.Dead, longAgo)));

        await fallback.CleanupDefunctSiloEntriesAsync(cutOff);

        Assert.Equal([14000, 16000, 17000, 18000], Ports(await fallback.ReadAllAsync()));
    }

    private async Task<string> MigratedDatabaseAsync(string prefix)
    {
        var connectionString = await postgres.CreateDatabaseAsync(prefix);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await SchemaMigrator.MigrateAsync(dataSource);
        return connectionString;
    }

    // A cluster id of its own per test: nothing in the table belongs to another test even if databases were shared.
    private static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    private async Task<AdoNetClusteringTable> ClusteringTableAsync(string prefix) =>
        await ClusteringTableAsync(await MigratedDatabaseAsync(prefix), NewClusterId());

    // The silo's membership provider on its own, initialised as a silo does (creating the cluster's version row).
    private static async Task<AdoNetClusteringTable> ClusteringTableAsync(string database, string clusterId)
    {
        var table = new AdoNetClusteringTable(new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = OrleansTestHost.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = OrleansTestHost.Invariant, ConnectionString = database }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    // Inserts against the version just read, as a silo does when nothing else is writing.
    private static async Task<bool> InsertAsync(AdoNetClusteringTable table, MembershipEntry entry) =>
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());

    private static MembershipEntry Member(MembershipTableData table, int port) =>
        table.Members.Single(m => m.Item1.SiloAddress.Endpoint.Port == port).Item1;

    private static List<int> Ports(MembershipTableData table) =>
        [.. table.Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order()];

    private static async Task<List<int>> GatewaysAsync(string database, string clusterId)
    {
        var provider = new AdoNetGatewayListProvider(NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = OrleansTestHost.Invariant, ConnectionString = database }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = OrleansTestHost.ServiceId }));
        await provider.InitializeGatewayListProvider();
        return [.. (await provider.GetGateways()).Select(uri => uri.Port)];
    }

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime at, int? proxyPort = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = proxyPort ?? port + 1,
        StartTime = at,
        IAmAliveTime = at,
    };

    private static async Task<GrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(StoredCounterGrain.StateName, grainId, state);
        return state;
    }

    private static async Task<List<(int Port, int Status)>> MembershipAsync(string database, string clusterId) =>
        await QueryAsync(database, "SELECT port, status FROM orleans_membership WHERE cluster_id = $1",
            r => (r.GetInt32(0), r.GetInt32(1)), clusterId);

    private static async Task<List<(string Type, string? Key, int Version)>> GrainStorageAsync(string database) =>
        await QueryAsync(database, "SELECT grain_type, grain_id_extension, version FROM orleans_grain_storage",
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt32(2)));

    private static async Task<List<(string GrainId, string Name, long PeriodMs)>> RemindersAsync(string database) =>
        await QueryAsync(database, "SELECT grain_id, reminder_name, period_ms FROM orleans_reminders",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2)));

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> QueryAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> read,
        params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
