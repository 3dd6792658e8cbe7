using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Platform.IntegrationTests.Faults;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Silo;

/// <summary>
/// Two silos share the device topic's queues and one is stopped gracefully under steady load. Its pulling agents
/// stop and write their last checkpoints before it tells the cluster it is leaving, so the survivor takes its
/// queues on from where delivery ended: at most one batch per queue comes again (what was in flight at the stop).
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class SiloHandoverTests(KafkaFixture kafka, PostgresFixture postgres, ITestOutputHelper output)
{
    private const int MaxRecordsPerRead = 50;

    [Fact]
    public async Task A_silo_stopped_gracefully_hands_its_queues_over_with_at_most_one_batch_per_queue_delivered_again()
    {
        var scenario = new LoadScenario(Sensors: 100, Rate: 300, Duration: TimeSpan.FromSeconds(15), RuleEvery: 3, SourcePartitions: 8);
        var topics = scenario.CreateTopics(kafka.Broker, Guid.NewGuid().ToString("N"));
        var device = topics["DeepStreamTopic"];
        var database = await postgres.CreateDatabaseAsync("handover");
        await scenario.SeedAsync(database);
        var settings = LoadScenario.SiloSettings(kafka.BootstrapServers, topics, database);
        // Periodic checkpoints far apart: only the one written as a queue is released keeps the survivor from
        // delivering everything the leaving silo did again. Small reads make "one batch" a small number.
        settings["Streams:CheckpointInterval"] = "00:01:00";
        settings["Streams:MaxRecordsPerRead"] = MaxRecordsPerRead.ToString(CultureInfo.InvariantCulture);
        await using var survivor = SiloHostFactory.Build(settings);
        await using var leaving = SiloHostFactory.Build(SiloTopics.WithOwnPorts(settings));
        using var meters = new SiloMeters(survivor.Services, "kind");
        using var leavingMeters = new SiloMeters(leaving.Services, "kind");
        await Task.WhenAll(survivor.StartAsync(), leaving.StartAsync());
        var leavingSilo = leaving.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        await QueueOwners.WaitForSharedAsync(database, device, scenario.SourcePartitions, silos: 2, TimeSpan.FromSeconds(60));

        var input = scenario.Messages(TimeProvider.System.GetUtcNow());
        var feed = ScenarioFeed.ProducePacedAsync(kafka.BootstrapServers, device, input, scenario.Rate, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(6));
        var moved = (await QueueOwners.ReadAsync(database, device)).Count(o => o.Value == leavingSilo);
        await leaving.StopAsync();
        await feed;

        // Every event applied once, on whichever silo its grain was active; then the survivor's stop writes its last
        // checkpoints (the periodic ones are too far apart to wait for).
        long Applied() => meters.Sum("platform.grains.events", "sensor") + leavingMeters.Sum("platform.grains.events", "sensor");
        await Eventually.WaitAsync(() => Applied() >= input.Count, TimeSpan.FromSeconds(60), "every event to be applied");
        var after = await QueueOwners.ReadAsync(database, device);
        await survivor.StopAsync();
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(10));

        var repeats = meters.Sum("platform.grains.repeats", "sensor");
        output.WriteLine($"{moved} queues handed over; {repeats} events delivered again; {Applied()} of {input.Count} applied");
        Assert.Equal(input.Count, Applied());
        Assert.InRange(moved, 1, scenario.SourcePartitions - 1);
        Assert.DoesNotContain(leavingSilo, after.Values);
        Assert.InRange(repeats, 0, moved * MaxRecordsPerRead);
    }
}
