using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.IntegrationTests.Silo;
using Platform.Messaging;
using Platform.Streaming.Kafka.DeadLetters;
using Platform.Testing;
using Platform.Testing.Faults;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// The generated bad DeepStream corpus through a real silo (embedded broker, PostgreSQL): every record is either
/// applied once by its sensor grain or dead-lettered with its reason, its source position and its bytes; the
/// dead-letter metric counts them; the silo keeps running and still turns a valid message into grain state.
/// </summary>
[Collection(SiloCollection.Name)]
[Trait("Category", LongFaults.Category)]
public sealed class IngressCorpusTests(KafkaFixture kafka, PostgresFixture postgres, ITestOutputHelper output)
{
    private const int DeepStreamPartitions = 4;

    [Fact]
    public async Task Every_bad_record_is_dead_lettered_unchanged_with_its_reason_and_the_silo_still_serves_a_valid_one_after()
    {
        var now = TimeProvider.System.GetUtcNow();
        var corpus = Enumerable.Range(0, LongFaults.Pick(1, 3))
            // The embedded broker keeps ~5 MiB per partition: the megabyte cases once, the rest for every seed.
            .SelectMany(seed => DeepStreamCorpus.Generate(20_250_314 + seed, now, truncationsPerSample: LongFaults.Pick(8, 30))
                .Where(c => seed == 0 || c.Payload.Length <= 64 * 1024))
            .Concat(DeepStreamCorpus.LargeAccepted(now))
            .ToList();
        var topics = SiloTopics.Create(kafka.Broker, Guid.NewGuid().ToString("N"), DeepStreamPartitions);
        var database = await postgres.CreateDatabaseAsync("faults");
        await using var host = SiloHostFactory.Build(SiloTopics.Configuration(kafka, topics, database));
        using var meters = new SiloMeters(host.Services, "reason");
        using var sensorEvents = new SiloMeters(host.Services, "kind");
        await host.StartAsync();

        var positions = await ProduceAsync(topics["DeepStreamTopic"], corpus);
        var canary = $"fault-canary-{Guid.NewGuid():N}";
        await ProduceAsync(topics["DeepStreamTopic"], [new FaultCase("canary", Encoding.UTF8.GetBytes(DeepStreamCorpus.ValidMinimal(canary, TimeProvider.System.GetUtcNow())), null)]);

        var refused = corpus.Count(c => !c.Accepted);
        var accepted = corpus.Count - refused + 1;
        var dead = await TopicReader.ReadAsync(kafka.BootstrapServers, topics["DeadLetterTopic"], refused, TimeSpan.FromSeconds(90));
        await WaitForGrainStateAsync(database, $"sensor/{canary}");
        await SiloOutcome.WaitUntilSettledAsync(database, kafka.BootstrapServers, topics, TimeSpan.FromSeconds(60));
        var running = !host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
        await host.StopAsync();

        output.WriteLine($"{corpus.Count} inputs: {refused} refused, {accepted - 1} accepted; dead letters by reason: " +
            string.Join(", ", dead.GroupBy(d => Header(d, DeadLetterHeaders.Reason)).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(running, "the silo stopped");
        Assert.True(refused >= 200, $"only {refused} refused inputs");
        Assert.Equal(refused, dead.Count);
        Assert.Equal(accepted, sensorEvents.Sum("platform.grains.events", "sensor"));
        Assert.Equal(0, sensorEvents.Sum("platform.grains.repeats", "sensor"));

        var truncated = 0;
        foreach (var record in dead)
        {
            var index = int.Parse(record.Message.Key["case-".Length..], CultureInfo.InvariantCulture);
            var fault = corpus[index];
            Assert.True(fault.ExpectedReason == Header(record, DeadLetterHeaders.Reason), $"{fault}: {Header(record, DeadLetterHeaders.Reason)} ({Header(record, DeadLetterHeaders.Detail)})");
            Assert.Equal(topics["DeepStreamTopic"], Header(record, DeadLetterHeaders.SourceTopic));
            Assert.Equal(positions[index].Partition.Value.ToString(CultureInfo.InvariantCulture), Header(record, DeadLetterHeaders.SourcePartition));
            Assert.Equal(positions[index].Offset.Value.ToString(CultureInfo.InvariantCulture), Header(record, DeadLetterHeaders.SourceOffset));
            Assert.False(string.IsNullOrEmpty(Header(record, DeadLetterHeaders.Detail)), fault.Name);
            if (record.Message.Headers.TryGetLastBytes(DeadLetterHeaders.TruncatedFrom, out var from))
            {
                // Documented: a record too large for the producer keeps its first 64 KiB and says how large it was.
                truncated++;
                Assert.True(fault.Payload.Length > 1_000_000, $"{fault} was truncated");
                Assert.Equal(fault.Payload.Length.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(from));
                Assert.Equal(fault.Payload.AsSpan(0, DeadLetterHeaders.TruncatedLength).ToArray(), record.Message.Value);
            }
            else
            {
                Assert.True(fault.Payload.AsSpan().SequenceEqual(record.Message.Value), $"{fault}: the dead letter's bytes differ");
            }
        }

        Assert.Equal(corpus.Select((c, i) => (c, i)).Where(x => !x.c.Accepted).Select(x => x.i).Order(),
            dead.Select(d => int.Parse(d.Message.Key["case-".Length..], CultureInfo.InvariantCulture)).Order());
        Assert.Equal(corpus.Where(c => !c.Accepted).GroupBy(c => c.ExpectedReason!).Select(g => $"{g.Key}={g.Count()}").Order(),
            meters.ByTag("kafka_stream.dead_letters").Select(c => $"{c.Key}={c.Value}").Order());
        output.WriteLine($"{truncated} dead letters truncated (payloads over the producer's 1,000,000-byte limit)");
    }

    /// <summary>Produces each case keyed "case-{index}", spreading bytes over the partitions (the broker keeps ~5 MiB each).</summary>
    private async Task<IReadOnlyList<TopicPartitionOffset>> ProduceAsync(string topic, IReadOnlyList<FaultCase> cases)
    {
        var config = KafkaClientSettings.Producer(kafka.BootstrapServers, "fault-device");
        config.MessageMaxBytes = 8 * 1024 * 1024;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var bytes = new long[DeepStreamPartitions];
        var deliveries = new List<Task<DeliveryResult<string, byte[]>>>();
        for (var i = 0; i < cases.Count; i++)
        {
            var partition = Array.IndexOf(bytes, bytes.Min());
            bytes[partition] += cases[i].Payload.Length;
            deliveries.Add(producer.ProduceAsync(new TopicPartition(topic, partition),
                new Message<string, byte[]> { Key = $"case-{i.ToString(CultureInfo.InvariantCulture)}", Value = cases[i].Payload }));
        }

        return [.. (await Task.WhenAll(deliveries)).Select(d => d.TopicPartitionOffset)];
    }

    private static async Task WaitForGrainStateAsync(string connectionString, string grainId)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await Eventually.WaitAsync(async () =>
        {
            await using var command = db.CreateCommand("SELECT count(*) FROM grain_states WHERE grain_id = $1");
            command.Parameters.AddWithValue(grainId);
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }, TimeSpan.FromSeconds(60), () => $"grain state of {grainId}");
    }

    private static string Header(ConsumeResult<string, byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : "";
}
