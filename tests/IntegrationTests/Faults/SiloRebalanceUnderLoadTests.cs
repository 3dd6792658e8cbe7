using Platform.IntegrationTests.Silo;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;
using Platform.Testing.Faults;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// Three silo processes share the grains; under steady load they are stopped (SIGTERM), started and killed (SIGKILL)
/// in turn, so partitions move again and again. At the end every grain's state and output equal an uninterrupted
/// run's, and processing never paused longer than a takeover takes.
/// </summary>
[Collection(SiloFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class SiloRebalanceUnderLoadTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Three_silos_stopped_started_and_killed_in_turn_under_load_end_where_an_uninterrupted_run_ends()
    {
        var scenario = LoadScenario.Steady(quick: TimeSpan.FromSeconds(20), @long: TimeSpan.FromSeconds(200));
        var steps = LongFaults.Pick(4, 24);
        var random = new Random(Environment.TickCount);
        var (suffix, input, reference) = await ReferenceRun.PrepareAsync(scenario, postgres, output);

        using var broker = EmbeddedKafkaBroker.Start();
        var topics = scenario.CreateTopics(broker, suffix);
        var database = await postgres.CreateDatabaseAsync("rebalance");
        await scenario.SeedAsync(database);
        var settings = LoadScenario.SiloSettings(broker.BootstrapServers, topics, database);
        var silos = Enumerable.Range(0, 3).Select(_ => SiloProcess.Start(SiloTopics.WithOwnPorts(settings))).ToArray();
        TimeSpan longestPause;
        var longPauses = new List<(TimeSpan From, TimeSpan To)>();
        try
        {
            // The load starts once all three serve queues: the steps are meant to land under load, not after a backlog.
            await QueueOwners.WaitForSharedAsync(database, topics["DeepStreamTopic"], scenario.SourcePartitions, silos: 3, TimeSpan.FromSeconds(90));
            var feed = ScenarioFeed.ProducePacedAsync(broker.BootstrapServers, topics["DeepStreamTopic"], input, scenario.Rate, CancellationToken.None);
            await using (var pauses = new ProcessingPauseMeter(database, broker.BootstrapServers, topics["DeepStreamTopic"]))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew(); // the meter's times, roughly
                await SiloProgress.WaitBeyondAsync(database, topics["DeepStreamTopic"], 0, TimeSpan.FromSeconds(60));
                for (var step = 0; step < steps; step++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, 4000)));
                    var i = step % silos.Length;
                    var graceful = step % 2 == 0;
                    if (graceful)
                    {
                        await silos[i].StopAsync();
                    }

                    silos[i].Dispose(); // SIGKILL unless it has already stopped
                    output.WriteLine($"step {step + 1} at {clock.Elapsed.TotalSeconds:F1} s: silo {i} {(graceful ? "stopped" : "killed")}; load {(feed.IsCompleted ? "done" : "running")}");
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 2500)));
                    silos[i] = SiloProcess.Start(SiloTopics.WithOwnPorts(settings));
                    // The next step waits for the replacement to join, as a rolling restart or a replaced pod would:
                    // the test is about queues moving between members, not about a cluster with no members left.
                    await silos[i].WaitUntilActiveAsync(database, TimeSpan.FromSeconds(60));
                }

                await feed;
                await SiloOutcome.WaitUntilSettledAsync(database, broker.BootstrapServers, topics, TimeSpan.FromMinutes(LongFaults.Pick(2, 15)));
                longestPause = pauses.LongestPause;
                longPauses.AddRange(pauses.LongPauses);
            }

            await Task.WhenAll(silos.Select(s => s.StopAsync()));
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }

        var run = await SiloRunResult.ReadAsync(database, broker.BootstrapServers, topics);
        var differences = RunComparison.Differences(reference, run);
        output.WriteLine($"{steps} stops/kills over 3 silos, {input.Count} events; longest pause in processing {longestPause.TotalSeconds:F1} s; " +
            $"run: {RunComparison.Summary(run)}; {differences.Count} differences");
        output.WriteLine("pauses over 5 s: " + string.Join(", ", longPauses.Select(p => $"{p.From.TotalSeconds:F1}-{p.To.TotalSeconds:F1} s")));
        differences.ToList().ForEach(output.WriteLine);
        Assert.Empty(differences);
        Assert.True(longestPause < TimeSpan.FromSeconds(60), $"processing paused for {longestPause.TotalSeconds:F1} s");
    }
}
