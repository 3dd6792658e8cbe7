using Platform.IntegrationTests.Silo;
using Platform.LocalInfra;
using Platform.Testing;
using Platform.Testing.Faults;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// The uninterrupted run a faulty run is compared with: its own broker with identically named topics (command ids
/// derive from topic, partition and offset), the whole input produced up front, one silo in this process.
/// </summary>
internal static class ReferenceRun
{
    /// <summary>
    /// The start of every silo fault test: the scenario's input (stamped from now), a suffix for its topic names,
    /// and the uninterrupted run over that input, summarized to <paramref name="output"/>.
    /// </summary>
    public static async Task<(string Suffix, IReadOnlyList<ScenarioMessage> Input, SiloRunResult Reference)> PrepareAsync(
        LoadScenario scenario, PostgresFixture postgres, Xunit.Abstractions.ITestOutputHelper output)
    {
        var suffix = Guid.NewGuid().ToString("N");
        var input = scenario.Messages(TimeProvider.System.GetUtcNow());
        var reference = await RunAsync(scenario, input, postgres, suffix);
        output.WriteLine($"scenario: {scenario}; reference: {RunComparison.Summary(reference)}");
        return (suffix, input, reference);
    }

    public static async Task<SiloRunResult> RunAsync(LoadScenario scenario, IReadOnlyList<ScenarioMessage> input, PostgresFixture postgres, string suffix)
    {
        using var broker = EmbeddedKafkaBroker.Start();
        var topics = scenario.CreateTopics(broker, suffix);
        var database = await postgres.CreateDatabaseAsync("reference");
        await scenario.SeedAsync(database);
        await using var silo = SiloHostFactory.Build(LoadScenario.SiloSettings(broker.BootstrapServers, topics, database));
        await silo.StartAsync();
        await ScenarioFeed.ProduceAllAsync(broker.BootstrapServers, topics["DeepStreamTopic"], input);
        await SiloOutcome.WaitUntilSettledAsync(database, broker.BootstrapServers, topics, TimeSpan.FromMinutes(LongFaults.Pick(2, 15)));
        await silo.StopAsync();
        var result = await SiloRunResult.ReadAsync(database, broker.BootstrapServers, topics);
        return result.Outcome.Commands.Count > 0 && result.Outcome.Alerts.Count > 0
            ? result
            : throw new InvalidOperationException($"The scenario fires no rule, so the comparison would prove little: {RunComparison.Summary(result)}");
    }
}
