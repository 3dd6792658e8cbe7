using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

[Collection(SiloCollection.Name)]
public sealed class SiloPipelineTests(KafkaFixture kafka, PostgresFixture postgres)
{
    [Fact]
    public async Task Seed_samples_in_give_the_expected_start_recording_command_alerts_and_counts_out()
    {
        var topics = SiloTopics.Create(kafka);
        var database = await postgres.CreateDatabaseAsync("pipeline");
        await SiloSeed.SeedAsync(database);
        await using var host = SiloHostFactory.Build(SiloTopics.Configuration(kafka, topics, database));
        await host.StartAsync();
        var at = TimeProvider.System.GetUtcNow();
        var samples = DeepStreamSamples.FullSchema(at);

        await DeepStreamSamples.ProduceAsync(kafka.BootstrapServers, topics["DeepStreamTopic"], samples);
        var commands = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["CommandsTopic"], 1, TimeSpan.FromSeconds(30));
        var alerts = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["AlertsTopic"], 1, TimeSpan.FromSeconds(10));
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var first = JsonSerializer.Deserialize(commands[0].Message.Value, EdgeJsonContext.Default.SmartRecordCommand)!;
        var firstPersonAt = FirstPersonTimestamp(samples);
        Assert.Equal(SmartRecordCommand.StartRecording, first.Command);
        Assert.Equal(DeepStreamSamples.SensorId, first.Sensor.Id);
        Assert.Equal(SiloSeed.CameraId, first.CameraId?.Value);
        Assert.Equal(SiloSeed.RuleId, first.RuleId?.Value);
        Assert.Equal(firstPersonAt.AddSeconds(-5), first.Start);
        Assert.Equal(firstPersonAt.AddSeconds(10), first.End);
        Assert.Equal(SiloSeed.CameraId, commands[0].Message.Key);
        // DeepStream reads exactly these fields; ours ride along.
        var json = Encoding.UTF8.GetString(commands[0].Message.Value);
        Assert.StartsWith("""{"command":"start-recording","start":"2""", json, StringComparison.Ordinal);
        Assert.Contains($"\"sensor\":{{\"id\":\"{DeepStreamSamples.SensorId}\"}}", json, StringComparison.Ordinal);

        Assert.NotEmpty(alerts);
        Assert.Contains("entered Whole frame", Encoding.UTF8.GetString(alerts[0].Message.Value), StringComparison.Ordinal);

        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.Equal(1L, await SiloOutcome.ScalarAsync(dataSource, "SELECT count(*) FROM recording_sessions"));
        Assert.True(await SiloOutcome.ScalarAsync(dataSource, "SELECT count(*) FROM commands") >= 1);
        Assert.True(await SiloOutcome.ScalarAsync(dataSource, "SELECT coalesce(sum(entries), 0) FROM traffic_counts WHERE class = 'Person'") >= 1);
        Assert.Equal(0L, await SiloOutcome.ScalarAsync(dataSource, "SELECT count(*) FROM outbox"));
        Assert.Equal((long)samples.Count, await SiloOutcome.CheckpointedAsync(dataSource, topics["DeepStreamTopic"]));
        // The sensor and its camera each keep one state row, with the last record they applied.
        Assert.Equal(2L, await SiloOutcome.ScalarAsync(dataSource,
            $"SELECT count(*) FROM grain_states WHERE grain_id IN ('sensor/{DeepStreamSamples.SensorId}', 'camera/{SiloSeed.CameraId}')"));
    }

    private static DateTimeOffset FirstPersonTimestamp(IReadOnlyList<string> samples)
    {
        using var first = JsonDocument.Parse(samples.First(s => s.Contains("\"Person\"", StringComparison.Ordinal)));
        return first.RootElement.GetProperty("@timestamp").GetDateTimeOffset();
    }
}
