using System.Globalization;
using Npgsql;
using Platform.IntegrationTests.Silo;
using Platform.LocalInfra;
using Platform.Simulator.Load;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// Steady DeepStream load on many sensors, every one of them configured: one camera per sensor, two zones (so that
/// every sensor counts traffic), and on every <see cref="RuleEvery"/>-th sensor a rule that alerts and records when
/// an object enters the left half and one that alerts when a person enters the top half (so that commands, sessions
/// and alerts happen all along the run). The stream is
/// platform-sim's seeded random walk stamped at fixed times: one scenario and start give the same bytes every time,
/// so a faulty run and an uninterrupted reference consume identical records.
/// </summary>
internal sealed record LoadScenario(int Sensors, double Rate, TimeSpan Duration, int RuleEvery, int SourcePartitions, int Seed = 7)
{
    public const int ObjectsPerSensor = 3;

    public int Total => (int)new RatePacer(Rate, Duration).Total!.Value;

    public int RuleSensors => ((Sensors - 1) / RuleEvery) + 1;

    /// <summary>
    /// Steady load for the silo fault tests: quick, 300 events/s over 100 sensors; long (PLATFORM_LONG_FAULTS=1), the
    /// issue's 2,000 events/s over 1,000 sensors. A third of the sensors have a recording rule.
    /// </summary>
    public static LoadScenario Steady(TimeSpan quick, TimeSpan @long) => Platform.Testing.Faults.LongFaults.Pick(
        new LoadScenario(Sensors: 100, Rate: 300, Duration: quick, RuleEvery: 3, SourcePartitions: 16),
        new LoadScenario(Sensors: 1000, Rate: 2000, Duration: @long, RuleEvery: 3, SourcePartitions: 128));

    public static string SensorId(int i) => string.Create(CultureInfo.InvariantCulture, $"load-{i}");

    public static string CameraId(int i) => string.Create(CultureInfo.InvariantCulture, $"load-cam-{i}");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Total} events at {Rate}/s over {Sensors} sensors ({RuleSensors} with a rule), {Duration.TotalSeconds} s");

    /// <summary>The whole stream, message n stamped <paramref name="start"/> + n / rate.</summary>
    public IReadOnlyList<ScenarioMessage> Messages(DateTimeOffset start)
    {
        var walk = new RandomWalk([.. Enumerable.Range(0, Sensors).Select(SensorId)], ObjectsPerSensor, Seed);
        var pacer = new RatePacer(Rate, Duration);
        var messages = new List<ScenarioMessage>(Total);
        for (long n = 0; n < Total; n++)
        {
            var frame = walk.NextObject(start + pacer.DueAt(n));
            messages.AddRange(DeepStreamMessageWriter.Write(frame, DeepStreamSchema.Full).Select(m => new ScenarioMessage(m.SensorId, m.Payload)));
        }

        return messages;
    }

    /// <summary>The topics, named with <paramref name="suffix"/> (two brokers given one suffix hold identically named topics).</summary>
    public Dictionary<string, string> CreateTopics(EmbeddedKafkaBroker broker, string suffix)
    {
        // Many partitions (Orleans queues): the embedded broker keeps only ~5 MiB per partition.
        var topics = new Dictionary<string, (string Name, int Partitions)>
        {
            ["DeepStreamTopic"] = ("ds", SourcePartitions),
            ["ClipsTopic"] = ("clips", 2),
            ["StatusTopic"] = ("status", 2),
            ["SegmentsTopic"] = ("segments", 2),
            ["CommandsTopic"] = ("commands", 8),
            ["AlertsTopic"] = ("alerts", 8),
            ["DeadLetterTopic"] = ("dead", 2),
        };
        foreach (var (name, partitions) in topics.Values)
        {
            broker.CreateTopic($"{name}-{suffix}", partitions);
        }

        return topics.ToDictionary(t => t.Key, t => $"{t.Value.Name}-{suffix}");
    }

    /// <summary>
    /// A silo on these topics. Processing-time liveness (an object unseen for a while has left, a session nobody
    /// extended is closed) is set beyond the test's length: a restart shifts processing time against event time, and
    /// the comparison is about replaying the input.
    /// </summary>
    public static Dictionary<string, string?> SiloSettings(string bootstrapServers, IReadOnlyDictionary<string, string> topics, string database)
    {
        var settings = SiloTopics.Configuration(bootstrapServers, topics, database);
        settings["Grains:Sensor:ObjectTimeout"] = "00:30:00";
        settings["Grains:Camera:SessionCloseGrace"] = "00:30:00";
        return settings;
    }

    public async Task SeedAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Platform.Storage.SchemaMigrator.MigrateAsync(dataSource);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("INSERT INTO sites (id, name) VALUES ('load', 'Load site')"));
        for (var i = 0; i < Sensors; i++)
        {
            var (sensor, camera) = (SensorId(i), CameraId(i));
            batch.BatchCommands.Add(new($"INSERT INTO cameras (id, site_id, name, device_sensor_id) VALUES ('{camera}', 'load', '{camera}', '{sensor}')"));
            batch.BatchCommands.Add(new($$"""
                INSERT INTO sensors (id, site_id, camera_id, name, zones) VALUES ('{{sensor}}', 'load', '{{camera}}', '{{sensor}}',
                  '[{"id":"left","name":"Left half","polygon":[{"x":0,"y":0},{"x":960,"y":0},{"x":960,"y":1080},{"x":0,"y":1080}]},
                    {"id":"top","name":"Top half","polygon":[{"x":0,"y":0},{"x":1920,"y":0},{"x":1920,"y":540},{"x":0,"y":540}]}]')
                """));
            if (i % RuleEvery == 0)
            {
                var rule = $"{sensor}-left";
                batch.BatchCommands.Add(new($$"""
                    INSERT INTO rules (id, name, enabled, sensor_ids, definition) VALUES ('{{rule}}', 'Into the left half', true, ARRAY['{{sensor}}'],
                      '{"id":"{{rule}}","name":"Into the left half","sensorIds":["{{sensor}}"],
                        "condition":{"type":"object-in-zone","zoneId":"left","trigger":"on-enter"},
                        "actions":[{"type":"record","cameraId":"{{camera}}","preRoll":"00:00:05","postRoll":"00:00:10","maxSession":"00:01:00"},
                                   {"type":"alert","severity":"warning","messageTemplate":"{class} {objectId} entered {zone}"}]}')
                    """));
                batch.BatchCommands.Add(new($$"""
                    INSERT INTO rules (id, name, enabled, sensor_ids, definition) VALUES ('{{sensor}}-top', 'Into the top half', true, ARRAY['{{sensor}}'],
                      '{"id":"{{sensor}}-top","name":"Into the top half","sensorIds":["{{sensor}}"],
                        "condition":{"type":"object-in-zone","zoneId":"top","classes":["Person"],"trigger":"on-enter"},
                        "actions":[{"type":"alert","severity":"info","messageTemplate":"{class} {objectId} entered {zone}"}]}')
                    """));
            }
        }

        await batch.ExecuteNonQueryAsync();
    }
}
