using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using Npgsql;
using Platform.Messaging;
using Platform.Silo.Ingress;
using Platform.Streaming.Kafka.DeadLetters;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>
/// The silo's Kafka stream provider with the platform's record mapper: DeepStream records reach their sensor's grain
/// whatever their key, in the device's trace; bad ones go unchanged to the dead-letter topic with a reason.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RecordMappingTests(KafkaFixture kafka, PostgresFixture postgres)
{
    [Fact]
    public async Task Samples_reach_their_sensor_grain_in_the_devices_trace_and_bad_records_are_dead_lettered_unchanged_with_reasons()
    {
        var topics = SiloTopics.Create(kafka);
        var database = await postgres.CreateDatabaseAsync("mapping");
        var deadLetters = new List<string>();
        var turnTraces = new List<ActivityTraceId>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "kafka_stream.dead_letters")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (deadLetters)
            {
                deadLetters.Add((string)tags.ToArray().Single(t => t.Key == "reason").Value!);
            }
        });
        meters.Start();
        using var turns = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Platform.Grains",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if (activity.DisplayName == "sensor turn")
                {
                    lock (turnTraces)
                    {
                        turnTraces.Add(activity.TraceId);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(turns);
        await using var host = SiloHostFactory.Build(SiloTopics.Configuration(kafka, topics, database));
        await host.StartAsync();

        var samples = DeepStreamSamples.FullSchema(TimeProvider.System.GetUtcNow());
        var bad = new Dictionary<string, DeadLetterReason>
        {
            ["{not json"] = DeadLetterReason.NotJson,
            ["""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":[]}"""] = DeadLetterReason.TimestampOutOfRange,
            ["""{"sensorId":"s","objects":[]}"""] = DeadLetterReason.BadTimestamp,
        };
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(kafka.BootstrapServers, "device")).Build();
        using var deviceSpan = new Activity("device publish").SetIdFormat(ActivityIdFormat.W3C).Start();
        foreach (var line in samples.Concat(bad.Keys))
        {
            // Keyed by something else than the sensor id: the records land in any partition and still reach their grain.
            await producer.ProduceAsync(topics["DeepStreamTopic"], new Message<string, byte[]>
            {
                Key = "device-key",
                Value = Encoding.UTF8.GetBytes(line),
                Headers = TraceContextHeaders.Inject(deviceSpan, []),
            });
        }

        var dead = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["DeadLetterTopic"], bad.Count, TimeSpan.FromSeconds(30));
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(30));
        await host.StopAsync();

        await using var dataSource = NpgsqlDataSource.Create(database);
        var state = await SiloOutcome.ScalarTextAsync(dataSource, $"SELECT convert_from(state, 'UTF8') FROM grain_states WHERE grain_id = 'sensor/{DeepStreamSamples.SensorId}'");
        Assert.Contains($"\"{topics["DeepStreamTopic"]}/", state, StringComparison.Ordinal); // the last position it applied
        lock (turnTraces)
        {
            Assert.Equal(samples.Count, turnTraces.Count);
            Assert.All(turnTraces, trace => Assert.Equal(deviceSpan.TraceId, trace));
        }

        Assert.Equal(bad.Count, dead.Count);
        Assert.All(dead, record =>
        {
            var body = Encoding.UTF8.GetString(record.Message.Value);
            Assert.Equal(bad[body].ToString(), Header(record, DeadLetterHeaders.Reason));
            Assert.Equal(topics["DeepStreamTopic"], Header(record, DeadLetterHeaders.SourceTopic));
            Assert.True(long.TryParse(Header(record, DeadLetterHeaders.SourceOffset), out _));
            Assert.False(string.IsNullOrWhiteSpace(Header(record, DeadLetterHeaders.Detail)));
            Assert.Equal("device-key", record.Message.Key);
        });
        lock (deadLetters)
        {
            Assert.Equal(bad.Values.Select(r => r.ToString()).Order(), deadLetters.Order());
        }
    }

    [Fact]
    public async Task A_record_too_large_to_pass_on_whole_is_dead_lettered_truncated_and_its_partition_keeps_going()
    {
        var topics = SiloTopics.Create(kafka.Broker, Guid.NewGuid().ToString("N"), devicePartitions: 1);
        var database = await postgres.CreateDatabaseAsync("oversized");
        await using var host = SiloHostFactory.Build(SiloTopics.Configuration(kafka, topics, database));
        await host.StartAsync();
        var huge = new byte[2 * 1024 * 1024];
        Array.Fill(huge, (byte)'{');
        var config = KafkaClientSettings.Producer(kafka.BootstrapServers, "device");
        config.MessageMaxBytes = 4 * 1024 * 1024;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        await producer.ProduceAsync(topics["DeepStreamTopic"], new Message<string, byte[]> { Key = "big", Value = huge });
        var after = DeepStreamSamples.FullSchema(TimeProvider.System.GetUtcNow())[0];
        await producer.ProduceAsync(topics["DeepStreamTopic"], new Message<string, byte[]> { Key = "next", Value = Encoding.UTF8.GetBytes(after) });

        var dead = Assert.Single(await TopicReader.ReadAsync(kafka.BootstrapServers, topics["DeadLetterTopic"], 1, TimeSpan.FromSeconds(30)));
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.Equal(nameof(DeadLetterReason.TooLarge), Header(dead, DeadLetterHeaders.Reason));
        Assert.Equal(huge.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(dead, DeadLetterHeaders.TruncatedFrom));
        Assert.Equal(huge.AsSpan(0, DeadLetterHeaders.TruncatedLength).ToArray(), dead.Message.Value);
        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.Equal(1L, await SiloOutcome.ScalarAsync(dataSource, $"SELECT count(*) FROM grain_states WHERE grain_id = 'sensor/{DeepStreamSamples.SensorId}'"));
    }

    private static string Header(ConsumeResult<string, byte[]> record, string name) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}
