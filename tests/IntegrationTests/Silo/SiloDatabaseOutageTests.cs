using Npgsql;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

[Collection(SiloCollection.Name)]
public sealed class SiloDatabaseOutageTests(KafkaFixture kafka)
{
    [Fact]
    public async Task Events_arriving_while_postgresql_restarts_are_applied_once_when_it_is_back()
    {
        // Its own PostgreSQL: this test stops it.
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("outage");
        await SiloSeed.SeedAsync(database);
        var topics = SiloTopics.Create(kafka);
        var settings = SiloTopics.Configuration(kafka, topics, database);
        settings["Grains:Sensor:ObjectTimeout"] = "00:10:00";
        await using var silo = SiloHostFactory.Build(settings);
        await silo.StartAsync();
        var samples = DeepStreamSamples.FullSchema(TimeProvider.System.GetUtcNow());
        await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, topics["DeepStreamTopic"], samples.Take(3));
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(30));

        await postgres.StopAsync();
        // The stream provider delivers these to the sensor grain, whose state write fails until PostgreSQL is back:
        // the delivery is retried, nothing is skipped.
        await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, topics["DeepStreamTopic"], samples.Skip(3));
        await Task.Delay(TimeSpan.FromSeconds(3)); // the outage lasts a while: deliveries fail and are retried meanwhile
        await postgres.StartAgainAsync();
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(60));
        await silo.StopAsync();

        var outcome = await SiloOutcome.ReadAsync(database);
        Assert.NotEmpty(outcome.Commands);
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var entries = dataSource.CreateCommand("SELECT coalesce(sum(entries), 0) FROM traffic_counts");
        // Every sample is a new object entering the frame zone, once: none lost, none counted twice.
        Assert.Equal((long)samples.Select(s => s[(s.IndexOf("\"object\":{\"id\":\"", StringComparison.Ordinal) + 16)..].Split('"')[0]).Distinct().Count(),
            Convert.ToInt64(await entries.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
