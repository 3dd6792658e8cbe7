using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>
/// The silo killed (SIGKILL, no cleanup) just before or just after its first grain state commit, and restarted,
/// decides exactly what an uninterrupted run over the same input decides: same counts, sessions and alerts, and
/// the same command ids with the same payloads (the records after the last checkpoint are delivered again and the
/// grains skip what they had stored). Both runs use identically named topics (on two brokers), so that the ids,
/// which derive from topic, partition and offset, can be compared.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class SiloCrashTests(KafkaFixture kafka, PostgresFixture postgres)
{
    [Theory]
    [InlineData("KillBeforeCommit")]
    [InlineData("KillAfterCommit")]
    public async Task Silo_killed_around_a_commit_and_restarted_ends_where_a_clean_run_ends(string fault)
    {
        var suffix = Guid.NewGuid().ToString("N");
        var at = TimeProvider.System.GetUtcNow();
        var samples = DeepStreamSamples.FullSchema(at);

        // The reference: an uninterrupted run.
        var referenceTopics = SiloTopics.Create(kafka.Broker, suffix);
        var referenceDb = await postgres.CreateDatabaseAsync("reference");
        await SiloSeed.SeedAsync(referenceDb);
        var referenceSettings = Configure(SiloTopics.Configuration(kafka.BootstrapServers, referenceTopics, referenceDb));
        await using (var silo = SiloHostFactory.Build(referenceSettings))
        {
            await silo.StartAsync();
            await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, referenceTopics["DeepStreamTopic"], samples);
            await SiloOutcome.WaitUntilSettledAsync(referenceDb, kafka.BootstrapServers, referenceTopics, TimeSpan.FromSeconds(60));
            await silo.StopAsync();
        }

        var reference = await SiloOutcome.ReadAsync(referenceDb);
        Assert.NotEmpty(reference.Commands);

        // The same input through a silo process that is killed at its first commit, then restarted.
        using var broker = EmbeddedKafkaBroker.Start();
        var topics = SiloTopics.Create(broker, suffix);
        var database = await postgres.CreateDatabaseAsync("crashed");
        await SiloSeed.SeedAsync(database);
        var settings = Configure(SiloTopics.Configuration(broker.BootstrapServers, topics, database));
        using (var doomed = SiloProcess.Start(new Dictionary<string, string?>(settings) { [$"Faults:{fault}"] = "1" }))
        {
            await DeepStreamSamples.ProduceAsync(broker.BootstrapServers, topics["DeepStreamTopic"], samples);
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }

        using (var restarted = SiloProcess.Start(settings))
        {
            await SiloOutcome.WaitUntilSettledAsync(database, broker.BootstrapServers, topics, TimeSpan.FromSeconds(90));
            await restarted.StopAsync();
        }

        var recovered = await SiloOutcome.ReadAsync(database);
        Assert.Equal(reference.Commands, recovered.Commands);
        Assert.Equal(reference.Counts, recovered.Counts);
        Assert.Equal(reference.Sessions, recovered.Sessions);
        Assert.Equal(reference.Alerts, recovered.Alerts);

        // On the wire: a command may be re-sent after the crash, but never one id with two payloads, and exactly the reference's ids.
        var published = await SiloOutcome.PublishedCommandsAsync(broker.BootstrapServers, topics["CommandsTopic"], reference.Commands.Count);
        Assert.All(published.GroupBy(c => c.Id), g => Assert.Single(g.Select(c => c.Payload).Distinct()));
        var expected = await SiloOutcome.PublishedCommandsAsync(kafka.BootstrapServers, referenceTopics["CommandsTopic"], reference.Commands.Count);
        Assert.Equal(expected.Select(c => c.Id).Distinct().Order(), published.Select(c => c.Id).Distinct().Order());
    }

    // Objects leave, and recording sessions close, after a silence in processing time, which differs between the
    // runs by the restart; the comparison is about replaying the input, so both are set beyond the test's length.
    private static Dictionary<string, string?> Configure(Dictionary<string, string?> settings)
    {
        settings["Grains:Sensor:ObjectTimeout"] = "00:10:00";
        settings["Grains:Camera:SessionCloseGrace"] = "00:10:00";
        return settings;
    }
}
