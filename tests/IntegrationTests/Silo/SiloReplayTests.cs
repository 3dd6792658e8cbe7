using Npgsql;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>
/// Records delivered again to grains that have applied them, as after a crash between a grain's state write and the
/// partition's checkpoint, here for every record at once: the checkpoints are lost and a new silo reads every
/// partition from its beginning. Each grain skips every position it has stored; nothing is decided twice.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class SiloReplayTests(KafkaFixture kafka, PostgresFixture postgres)
{
    [Fact]
    public async Task Records_delivered_again_are_skipped_by_the_grains_that_applied_them_and_change_nothing()
    {
        var topics = SiloTopics.Create(kafka);
        var database = await postgres.CreateDatabaseAsync("replay");
        await SiloSeed.SeedAsync(database);
        var settings = SiloTopics.Configuration(kafka, topics, database);
        // Processing-time liveness set beyond the test, so that the second run's later clock decides nothing new.
        settings["Grains:Sensor:ObjectTimeout"] = "00:10:00";
        settings["Grains:Camera:SessionCloseGrace"] = "00:10:00";
        var samples = DeepStreamSamples.FullSchema(TimeProvider.System.GetUtcNow());

        await using (var silo = SiloHostFactory.Build(settings))
        {
            await silo.StartAsync();
            await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, topics["DeepStreamTopic"], samples);
            await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(60));
            await silo.StopAsync();
        }

        var first = await SiloOutcome.ReadAsync(database);
        Assert.NotEmpty(first.Commands);
        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.Equal(1L, await SiloOutcome.ScalarAsync(dataSource, "WITH lost AS (UPDATE stream_checkpoints SET next_offset = NULL RETURNING 1) SELECT sign(count(*)) FROM lost"));

        await using (var silo = SiloHostFactory.Build(settings))
        {
            using var meters = new SiloMeters(silo.Services, "kind");
            await silo.StartAsync();
            await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(60));
            await silo.StopAsync();
            Assert.Equal(samples.Count, meters.Sum("platform.grains.repeats", "sensor"));
            Assert.Equal(0, meters.Sum("platform.grains.events", "sensor"));
        }

        var again = await SiloOutcome.ReadAsync(database);
        Assert.Equal(first.Commands, again.Commands);
        Assert.Equal(first.Sessions, again.Sessions);
        Assert.Equal(first.Counts, again.Counts);
        Assert.Equal(first.Alerts, again.Alerts);
        var published = await SiloOutcome.PublishedCommandsAsync(kafka.BootstrapServers, topics["CommandsTopic"], first.Commands.Count);
        Assert.Equal(first.Commands.Count, published.Count);
    }
}
