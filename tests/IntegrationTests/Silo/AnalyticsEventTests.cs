using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Google.Protobuf;
using Npgsql;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;
using Platform.Messaging;
using Platform.Messaging.DeepStream;
using Platform.Testing;
using NvObject = Platform.Messaging.DeepStream.Object;
using ProtoTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.IntegrationTests.Silo;

/// <summary>NVIDIA VSS's own tripwire events (nv.Behavior on mdx-events) starting a recording through a real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class AnalyticsEventTests(KafkaFixture kafka, PostgresFixture postgres)
{
    [Fact]
    public async Task A_VSS_tripwire_crossing_on_the_analytics_topic_fires_its_rule_into_an_alert_and_a_start_recording_command()
    {
        var topics = SiloTopics.Create(kafka);
        var events = $"mdx-events-{Guid.NewGuid():N}";
        kafka.Broker.CreateTopic(events, 2);
        var database = await postgres.CreateDatabaseAsync("vss");
        await SeedAsync(database);
        var settings = SiloTopics.Configuration(kafka, topics, database);
        settings["Kafka:AnalyticsEventsTopic"] = events;
        await using var host = SiloHostFactory.Build(settings);
        await host.StartAsync();

        var now = TimeProvider.System.GetUtcNow().AddSeconds(-1);
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero); // commands carry milliseconds
        using (var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(kafka.BootstrapServers, "vss")).Build())
        {
            foreach (var (door, direction) in new[] { ("door-2", "IN"), ("door-1", "OUT"), ("door-1", "IN") })
            {
                var behavior = new Behavior
                {
                    Id = "vss-cam #42",
                    Timestamp = ProtoTimestamp.FromDateTimeOffset(at.AddSeconds(-3)),
                    End = ProtoTimestamp.FromDateTimeOffset(at),
                    Sensor = new Sensor { Id = "vss-cam" },
                    Object = new NvObject { Id = "42", Type = "Person" },
                    Event = new Event { Id = door, Type = direction, Info = { ["class"] = "tripwire" } },
                };
                await producer.ProduceAsync(events, new Message<string, byte[]> { Key = "vss-cam", Value = behavior.ToByteArray() });
            }
        }

        var commands = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["CommandsTopic"], 1, TimeSpan.FromSeconds(30));
        var alerts = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["AlertsTopic"], 1, TimeSpan.FromSeconds(10));
        await host.StopAsync();

        var command = JsonSerializer.Deserialize(Assert.Single(commands).Message.Value, EdgeJsonContext.Default.SmartRecordCommand)!;
        Assert.Equal((SmartRecordCommand.StartRecording, "vss-cam-recorder", "door-in"), (command.Command, command.CameraId?.Value, command.RuleId?.Value));
        Assert.Equal((at.AddSeconds(-5), at.AddSeconds(10)), (command.Start, command.End));
        Assert.Contains("Person 42 crossed tripwire door-1 IN", Encoding.UTF8.GetString(Assert.Single(alerts).Message.Value), StringComparison.Ordinal);
    }

    private static async Task SeedAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Platform.Storage.SchemaMigrator.MigrateAsync(dataSource);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("INSERT INTO sites (id, name) VALUES ('vss', 'VSS site')"));
        batch.BatchCommands.Add(new("INSERT INTO cameras (id, site_id, name, device_sensor_id) VALUES ('vss-cam-recorder', 'vss', 'Door', 'vss-cam')"));
        batch.BatchCommands.Add(new("INSERT INTO sensors (id, site_id, camera_id, name) VALUES ('vss-cam', 'vss', 'vss-cam-recorder', 'Door')"));
        batch.BatchCommands.Add(new("""
            INSERT INTO rules (id, name, enabled, sensor_ids, definition) VALUES ('door-in', 'In through door 1', true, ARRAY['vss-cam'],
              '{"id":"door-in","name":"In through door 1","sensorIds":["vss-cam"],
                "condition":{"type":"analytics-event","kind":"tripwire","eventIds":["door-1"],"directions":["IN"],"classes":["Person"]},
                "actions":[{"type":"record","preRoll":"00:00:05","postRoll":"00:00:10","maxSession":"00:01:00"},
                           {"type":"alert","severity":"warning","messageTemplate":"{class} {objectId} crossed {event}"}]}')
            """));
        await batch.ExecuteNonQueryAsync();
    }
}
