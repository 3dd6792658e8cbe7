using Confluent.Kafka;
using Npgsql;
using Platform.Messaging;
using Platform.Simulator.Load;
using Platform.Simulator.Messages;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Silo;

/// <summary>
/// One scene sent as DeepStream's JSON full schema, its JSON minimal schema and its protobuf nv.Frame, each to its
/// own sensor with the same zones, line and rules, all on one device topic (auto-detected per record) through a real
/// silo: the three give the same alerts, Smart Video Record commands, recording sessions and counts.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class PayloadFormatTests(KafkaFixture kafka, PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly DeepStreamSchema[] Schemas = [DeepStreamSchema.Full, DeepStreamSchema.Minimal, DeepStreamSchema.Protobuf];

    [Fact]
    public async Task A_scene_as_JSON_full_JSON_minimal_and_protobuf_gives_the_same_alerts_commands_sessions_and_counts()
    {
        var topics = SiloTopics.Create(kafka);
        var database = await postgres.CreateDatabaseAsync("formats");
        await SeedAsync(database);
        await using var host = SiloHostFactory.Build(SiloTopics.Configuration(kafka, topics, database));
        await host.StartAsync();

        // Three objects wandering for a minute of event time, one of them moving every 33 ms. One object per frame:
        // the full schema carries one object per message, and objects that enter together in one minimal or protobuf
        // message raise one alert naming them all, where the full schema's separate messages raise one each.
        var walk = new RandomWalk(["scene"], objectsPerSensor: 3, seed: 11);
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        var frames = Enumerable.Range(0, 1800).Select(i => walk.NextObject(start.AddMilliseconds(33 * i))).ToList();
        using (var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(kafka.BootstrapServers, "formats")).Build())
        {
            foreach (var schema in Schemas)
            {
                foreach (var message in DeepStreamMessageWriter.Write(frames.Select(f => f with { SensorId = Sensor(schema) }), schema))
                {
                    producer.Produce(topics["DeepStreamTopic"], new Message<string, byte[]> { Key = message.SensorId, Value = message.Payload });
                }
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(90));
        await host.StopAsync();

        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.Equal(0L, await SiloOutcome.ScalarAsync(dataSource, "SELECT count(*) FROM grain_states WHERE grain_id LIKE 'sensor/%' AND grain_id NOT LIKE 'sensor/fmt%'"));
        var outcomes = new Dictionary<DeepStreamSchema, Outcome>();
        foreach (var schema in Schemas)
        {
            outcomes[schema] = await Outcome.ReadAsync(dataSource, schema);
            output.WriteLine($"{schema}: {outcomes[schema]}");
        }

        var full = outcomes[DeepStreamSchema.Full];
        Assert.True(full.Alerts.Count > 5 && full.Commands.Count > 0 && full.Sessions.Count > 0, $"the scene fires too little to compare: {full}");
        Assert.Contains(full.Counts, c => c.StartsWith("middle ", StringComparison.Ordinal)); // the line counts too
        foreach (var schema in Schemas)
        {
            Assert.Equal(full.Alerts, outcomes[schema].Alerts);
            Assert.Equal(full.Commands, outcomes[schema].Commands);
            Assert.Equal(full.Sessions, outcomes[schema].Sessions);
            Assert.Equal(full.Counts, outcomes[schema].Counts);
        }
    }

    private static string Sensor(DeepStreamSchema schema) => $"fmt{(int)schema}-sensor";

    private static string Camera(DeepStreamSchema schema) => $"fmt{(int)schema}-camera";

    private static async Task SeedAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Platform.Storage.SchemaMigrator.MigrateAsync(dataSource);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("INSERT INTO sites (id, name) VALUES ('formats', 'Formats')"));
        foreach (var schema in Schemas)
        {
            var (sensor, camera) = (Sensor(schema), Camera(schema));
            batch.BatchCommands.Add(new($"INSERT INTO cameras (id, site_id, name, device_sensor_id) VALUES ('{camera}', 'formats', '{camera}', '{sensor}')"));
            batch.BatchCommands.Add(new($$"""
                INSERT INTO sensors (id, site_id, camera_id, name, zones, lines) VALUES ('{{sensor}}', 'formats', '{{camera}}', '{{sensor}}',
                  '[{"id":"left","name":"Left half","polygon":[{"x":0,"y":0},{"x":960,"y":0},{"x":960,"y":1080},{"x":0,"y":1080}]},
                    {"id":"top","name":"Top half","polygon":[{"x":0,"y":0},{"x":1920,"y":0},{"x":1920,"y":540},{"x":0,"y":540}]}]',
                  '[{"id":"middle","name":"Middle","a":{"x":960,"y":0},"b":{"x":960,"y":1080} }]')
                """));
            batch.BatchCommands.Add(new($$"""
                INSERT INTO rules (id, name, enabled, sensor_ids, definition) VALUES ('{{sensor}}-left', 'Into the left half', true, ARRAY['{{sensor}}'],
                  '{"id":"{{sensor}}-left","name":"Into the left half","sensorIds":["{{sensor}}"],
                    "condition":{"type":"object-in-zone","zoneId":"left","trigger":"on-enter"},
                    "actions":[{"type":"record","cameraId":"{{camera}}","preRoll":"00:00:05","postRoll":"00:00:10","maxSession":"00:01:00"},
                               {"type":"alert","severity":"warning","messageTemplate":"{class} {objectId} entered {zone}"}]}')
                """));
            batch.BatchCommands.Add(new($$"""
                INSERT INTO rules (id, name, enabled, sensor_ids, definition) VALUES ('{{sensor}}-middle', 'Across the middle', true, ARRAY['{{sensor}}'],
                  '{"id":"{{sensor}}-middle","name":"Across the middle","sensorIds":["{{sensor}}"],
                    "condition":{"type":"line-crossing","lineId":"middle"},
                    "actions":[{"type":"alert","severity":"info","messageTemplate":"{class} {objectId} crossed {line}"}]}')
                """));
        }

        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>What the silo decided for one sensor, with its own sensor, camera and message ids taken out.</summary>
    private sealed record Outcome(IReadOnlyList<string> Alerts, IReadOnlyList<string> Commands, IReadOnlyList<string> Sessions, IReadOnlyList<string> Counts)
    {
        public static async Task<Outcome> ReadAsync(NpgsqlDataSource dataSource, DeepStreamSchema schema)
        {
            var (sensor, camera) = (Sensor(schema), Camera(schema));
            // Ids derived from a record's position (alert, command and session ids) differ by format: they are left out.
            return new Outcome(
                await RowsAsync(dataSource, $"""
                    SELECT concat_ws(' ', rule_id, severity, message, camera_id, zone_id, line_id, class, object_ids::text, occurred_at)
                    FROM alerts WHERE sensor_id = '{sensor}' ORDER BY occurred_at, rule_id, object_ids::text
                    """, schema),
                await RowsAsync(dataSource, $"""
                    SELECT (payload - 'commandId' - 'sessionId')::text FROM commands WHERE camera_id = '{camera}'
                    ORDER BY payload->>'start', payload->>'end', command
                    """, schema),
                await RowsAsync(dataSource, $"""
                    SELECT concat_ws(' ', status, start_at, end_at, max_end_at, extensions, rule_id)
                    FROM recording_sessions WHERE camera_id = '{camera}' ORDER BY start_at
                    """, schema),
                await RowsAsync(dataSource, $"""
                    SELECT concat_ws(' ', zone_id, class, minute, entries, exits, max_present) FROM traffic_counts WHERE sensor_id = '{sensor}' ORDER BY 1
                    """, schema));
        }

        public override string ToString() => $"{Alerts.Count} alerts, {Commands.Count} commands, {Sessions.Count} sessions, {Counts.Count} count rows";

        private static async Task<IReadOnlyList<string>> RowsAsync(NpgsqlDataSource dataSource, string sql, DeepStreamSchema schema) =>
            [.. (await SiloOutcome.RowsAsync(dataSource, sql)).Select(row => row.Replace($"fmt{(int)schema}-", "fmt-", StringComparison.Ordinal))];
    }
}
