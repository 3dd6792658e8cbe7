using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Messaging;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Silo;

/// <summary>
/// A silo process that hosts every grain is killed (SIGKILL) after a second silo joined. The survivor serves its
/// queues again within seconds; its grains reactivate there with their stored state (objects seen before the kill
/// are known, so seeing them again fires no rule), and the camera's reminder, whose silo died, wakes the camera
/// grain there, which then notices that its agent went silent.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class SiloFailoverTests(KafkaFixture kafka, PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_killed_silos_queues_grains_and_reminders_are_served_by_the_survivor_with_their_state()
    {
        var topics = SiloTopics.Create(kafka);
        var database = await postgres.CreateDatabaseAsync("failover");
        await SiloSeed.SeedAsync(database);
        var settings = SiloTopics.Configuration(kafka, topics, database);
        settings["Grains:Sensor:ObjectTimeout"] = "00:10:00";
        settings["Grains:Camera:OfflineAfter"] = "00:00:05";
        settings["Grains:Camera:LivenessReminderPeriod"] = "00:00:01";
        await using var dataSource = NpgsqlDataSource.Create(database);
        var at = TimeProvider.System.GetUtcNow();

        using var first = SiloProcess.Start(settings);
        using var heartbeats = new CancellationTokenSource();
        var agent = HeartbeatsAsync(topics["StatusTopic"], heartbeats.Token);
        await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, topics["DeepStreamTopic"], DeepStreamSamples.FullSchema(at));
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(60));
        await Eventually.WaitAsync(async () => await OnlineAsync(dataSource) == true, TimeSpan.FromSeconds(30), () => "the camera to be online");
        var before = await SiloOutcome.ReadAsync(database);
        Assert.NotEmpty(before.Alerts);
        Assert.Equal(1L, await SiloOutcome.ScalarAsync(dataSource, "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%camera%'"));

        // Every grain is active on the first silo (it was alone); the second one joins and takes some queues.
        using var second = SiloProcess.Start(SiloTopics.WithOwnPorts(settings));
        await QueueOwners.WaitForSharedAsync(database, topics["DeepStreamTopic"], SiloTopics.DevicePartitions, silos: 2, TimeSpan.FromSeconds(60), second.Describe);

        await heartbeats.CancelAsync();
        await agent;
        first.Dispose(); // SIGKILL
        var sinceKill = Stopwatch.StartNew();

        // The same people a minute later, same tracker ids: a grain that lost its state would see them enter again.
        await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, topics["DeepStreamTopic"], DeepStreamSamples.FullSchema(at.AddMinutes(1)));
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(60));
        var servedAgain = sinceKill.Elapsed;
        await Eventually.WaitAsync(async () => await OnlineAsync(dataSource) == false, TimeSpan.FromSeconds(60), () => "the camera to go offline");
        var offline = sinceKill.Elapsed;
        output.WriteLine($"after the kill: every queue delivered and checkpointed again in {servedAgain.TotalSeconds:F1} s; camera offline after {offline.TotalSeconds:F1} s");

        var after = await SiloOutcome.ReadAsync(database);
        Assert.Equal(before.Alerts, after.Alerts);
        Assert.Equal(before.Commands, after.Commands);
        Assert.Equal(0L, await SiloOutcome.ScalarAsync(dataSource,
            "SELECT coalesce(sum(entries), 0) FROM traffic_counts WHERE minute > (SELECT min(minute) FROM traffic_counts)"));
        Assert.True(servedAgain < TimeSpan.FromSeconds(20), $"the survivor served the queues again only after {servedAgain.TotalSeconds:F1} s");
        await second.StopAsync();
    }

    /// <summary>An edge agent reporting the seeded camera every second, as a real one does every few.</summary>
    private async Task HeartbeatsAsync(string topic, CancellationToken stop)
    {
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(kafka.BootstrapServers, "agent")).Build();
        while (!stop.IsCancellationRequested)
        {
            var status = new EdgeAgentStatus
            {
                MessageId = Guid.NewGuid().ToString("N"),
                OccurredAt = TimeProvider.System.GetUtcNow(),
                AgentId = "agent-hwy",
                Version = "test",
                Cameras = [new EdgeCameraStatus { CameraId = CameraId.From(SiloSeed.CameraId), Connected = true, CacheSeconds = 30, Restarts = 0, Recording = false }],
                SpoolCount = 0,
                SpoolBytes = 0,
                DiskFreeBytes = 1L << 30,
            };
            await producer.ProduceAsync(topic, new Message<string, byte[]>
            {
                Key = status.AgentId,
                Value = JsonSerializer.SerializeToUtf8Bytes(status, EdgeJsonContext.Default.EdgeAgentStatus),
            }, CancellationToken.None);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<bool?> OnlineAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT online FROM camera_status WHERE camera_id = '{SiloSeed.CameraId}'");
        return (bool?)await command.ExecuteScalarAsync();
    }
}
