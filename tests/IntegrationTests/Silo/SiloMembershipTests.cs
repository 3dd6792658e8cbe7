using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Silo.Hosting;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

[Collection(SiloCollection.Name)]
public sealed class SiloMembershipTests(KafkaFixture kafka, PostgresFixture postgres)
{
    [Fact]
    public async Task Two_silos_split_the_grains_and_the_survivor_takes_over_with_state_intact()
    {
        var topics = SiloTopics.Create(kafka);
        var database = await postgres.CreateDatabaseAsync("membership");
        await SiloSeed.SeedAsync(database);
        var settings = SiloTopics.Configuration(kafka, topics, database, Guid.NewGuid().ToString("N"));
        settings["Grains:Sensor:ObjectTimeout"] = "00:10:00";
        using var first = SiloHostFactory.Build(settings);
        using var second = SiloHostFactory.Build(settings);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var all = Enumerable.Range(0, SiloTopics.GrainPartitions).ToList();
        await Eventually.WaitAsync(() =>
        {
            var (a, b) = (Owned(first), Owned(second));
            return a.Count > 0 && b.Count > 0 && !a.Intersect(b).Any() && a.Union(b).Order().SequenceEqual(all);
        }, TimeSpan.FromSeconds(30), "both silos to own a disjoint share of the partitions");

        var at = TimeProvider.System.GetUtcNow();
        await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, topics["DeepStreamTopic"], DeepStreamSamples.FullSchema(at));
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, 6, TimeSpan.FromSeconds(30));
        var before = await SiloOutcome.ReadAsync(database);

        await second.StopAsync();
        await Eventually.WaitAsync(() => Owned(first).SequenceEqual(all), TimeSpan.FromSeconds(30), "the survivor to own every partition");

        // The same people seen again a minute later, as new tracker ids: the survivor continues the sensor's state.
        var later = DeepStreamSamples.FullSchema(at.AddMinutes(1)).Select(s => s.Replace("\"id\":\"131", "\"id\":\"931", StringComparison.Ordinal)).ToList();
        await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, topics["DeepStreamTopic"], later);
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, 12, TimeSpan.FromSeconds(30));
        await first.StopAsync();
        var after = await SiloOutcome.ReadAsync(database);

        Assert.NotEmpty(before.Counts);
        Assert.Equal(2 * await EntriesAsync(database, at), await EntriesAsync(database, at) + await EntriesAsync(database, at.AddMinutes(1)));
        Assert.True(after.Alerts.Count > before.Alerts.Count, "the survivor fired no rule for the new objects");
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var states = dataSource.CreateCommand("SELECT count(*) FROM grain_state WHERE grain_id LIKE 'sensor/%'");
        Assert.Equal(1L, await states.ExecuteScalarAsync());
    }

    private static List<int> Owned(IHost silo) => [.. silo.Services.GetRequiredService<GrainHostWorker>().OwnedPartitions];

    private static async Task<long> EntriesAsync(string database, DateTimeOffset minute)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT coalesce(sum(entries), 0) FROM traffic_counts WHERE minute = date_trunc('minute', $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = minute.UtcDateTime });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
