using Platform.IntegrationTests.Silo;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;
using Platform.Testing.Faults;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// A silo process killed (SIGKILL) at random moments while it works through steady load, and restarted each time,
/// ends exactly where an uninterrupted run over the same records ends: nothing lost, nothing doubled.
/// </summary>
[Collection(SiloFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class SiloKilledUnderLoadTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Silo_killed_at_random_moments_under_load_and_restarted_ends_where_an_uninterrupted_run_ends()
    {
        var scenario = LoadScenario.Steady(quick: TimeSpan.FromSeconds(30), @long: TimeSpan.FromSeconds(300));
        var kills = LongFaults.Pick(3, 20);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var (suffix, input, reference) = await ReferenceRun.PrepareAsync(scenario, postgres, output);

        using var broker = EmbeddedKafkaBroker.Start();
        var topics = scenario.CreateTopics(broker, suffix);
        var database = await postgres.CreateDatabaseAsync("killed");
        await scenario.SeedAsync(database);
        var settings = LoadScenario.SiloSettings(broker.BootstrapServers, topics, database);
        var feed = ScenarioFeed.ProducePacedAsync(broker.BootstrapServers, topics["DeepStreamTopic"], input, scenario.Rate, CancellationToken.None);
        var silo = SiloProcess.Start(settings);
        var killed = 0;
        try
        {
            var applied = 0L;
            for (var kill = 1; kill <= kills; kill++)
            {
                // Kills are meant to land under load; once it has ended, a caught-up silo has nothing left to commit.
                if (feed.IsCompleted)
                {
                    output.WriteLine($"the load ended after {kill - 1} kills");
                    Assert.True(kill > kills / 2, $"only {kill - 1} of {kills} kills happened under load");
                    break;
                }

                // A random moment once the (re)started silo is committing, so that every kill lands in the middle of work.
                applied = await SiloProgress.WaitBeyondAsync(database, topics["DeepStreamTopic"], applied, TimeSpan.FromSeconds(90));
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(100, 3000)));
                silo.Dispose(); // SIGKILL
                killed++;
                applied = await SiloProgress.AppliedAsync(database, topics["DeepStreamTopic"]);
                output.WriteLine($"kill {kill}: {applied} records checkpointed; load {(feed.IsCompleted ? "done" : "running")}");
                silo = SiloProcess.Start(settings);
            }

            await feed;
            await SiloOutcome.WaitUntilSettledAsync(database, broker.BootstrapServers, topics, TimeSpan.FromMinutes(LongFaults.Pick(2, 15)));
            await silo.StopAsync();
        }
        finally
        {
            silo.Dispose();
        }

        var run = await SiloRunResult.ReadAsync(database, broker.BootstrapServers, topics);
        var differences = RunComparison.Differences(reference, run);
        output.WriteLine($"1 trial, {killed} kills (seed {seed}), {input.Count} events; run: {RunComparison.Summary(run)}; {differences.Count} differences");
        differences.ToList().ForEach(output.WriteLine);
        Assert.Empty(differences);
    }
}
