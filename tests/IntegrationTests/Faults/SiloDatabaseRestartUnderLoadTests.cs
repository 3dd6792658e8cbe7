using Platform.IntegrationTests.Silo;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;
using Platform.Testing.Faults;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL restarted at random moments while a silo process works through steady load (see also
/// <see cref="SiloDatabaseOutageTests"/> for one outage between two small batches): the silo retries, and ends exactly
/// where an uninterrupted run over the same records ends.
/// </summary>
[Collection(SiloFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class SiloDatabaseRestartUnderLoadTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task PostgreSQL_restarted_under_load_loses_and_doubles_nothing()
    {
        var scenario = LoadScenario.Steady(quick: TimeSpan.FromSeconds(20), @long: TimeSpan.FromSeconds(150));
        var restarts = LongFaults.Pick(2, 8);
        var random = new Random(Environment.TickCount);
        var (suffix, input, reference) = await ReferenceRun.PrepareAsync(scenario, postgres, output);

        // Its own PostgreSQL: this test stops it.
        await using var server = await PostgresServer.StartAsync();
        using var broker = EmbeddedKafkaBroker.Start();
        var topics = scenario.CreateTopics(broker, suffix);
        var database = await server.CreateDatabaseAsync("restarted");
        await scenario.SeedAsync(database);
        var settings = LoadScenario.SiloSettings(broker.BootstrapServers, topics, database);
        using (var silo = SiloProcess.Start(settings))
        {
            var applied = await SiloProgress.WaitBeyondAsync(database, topics["DeepStreamTopic"], -1, TimeSpan.FromSeconds(60));
            var feed = ScenarioFeed.ProducePacedAsync(broker.BootstrapServers, topics["DeepStreamTopic"], input, scenario.Rate, CancellationToken.None);
            var down = TimeSpan.Zero;
            for (var restart = 1; restart <= restarts; restart++)
            {
                applied = await SiloProgress.WaitBeyondAsync(database, topics["DeepStreamTopic"], applied, TimeSpan.FromSeconds(90));
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 4000)));
                var outage = TimeSpan.FromMilliseconds(random.Next(LongFaults.Pick(2000, 5000), LongFaults.Pick(5000, 20000)));
                await server.StopAsync();
                await Task.Delay(outage);
                await server.StartAgainAsync();
                down += outage;
                Assert.False(silo.HasExited, "the silo gave up while PostgreSQL was down");
                output.WriteLine($"restart {restart}: PostgreSQL down {outage.TotalSeconds:F1} s; load {(feed.IsCompleted ? "done" : "running")}");
            }

            await feed;
            await SiloOutcome.WaitUntilSettledAsync(database, broker.BootstrapServers, topics, TimeSpan.FromMinutes(LongFaults.Pick(2, 15)));
            await silo.StopAsync();
            output.WriteLine($"{restarts} restarts, {down.TotalSeconds:F1} s down in all");
        }

        var run = await SiloRunResult.ReadAsync(database, broker.BootstrapServers, topics);
        var differences = RunComparison.Differences(reference, run);
        output.WriteLine($"{input.Count} events; run: {RunComparison.Summary(run)}; {differences.Count} differences");
        differences.ToList().ForEach(output.WriteLine);
        Assert.Empty(differences);
    }
}
