using System.Diagnostics;
using Confluent.Kafka;
using Platform.BrokerThroughput;
using Platform.LocalInfra;

// Throughput of the embedded broker with 1 KB messages: produce with delivery reports checked, then consume in
// a consumer group, for a few client settings. Each run uses a new topic of 32 partitions and stays under the
// mock's ~5 MiB-per-partition retention (checked against the low watermark), so nothing falls off unseen.
//   dotnet run -c Release --project bench/BrokerThroughput [-- MESSAGES]
const int Partitions = 32;
var messages = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 120_000;
using var broker = EmbeddedKafkaBroker.Start();
var payload = new byte[1024];
Random.Shared.NextBytes(payload);

Console.WriteLine($"embedded broker, {messages:N0} messages of 1 KB, {Partitions} partitions, {Environment.ProcessorCount} cores");
Console.WriteLine("| producer settings | produce msg/s | consume msg/s (group) |");
Console.WriteLine("|---|---|---|");
foreach (var (name, config) in ProducerVariants())
{
    var topic = $"bench-{Guid.NewGuid():N}";
    broker.CreateTopic(topic, Partitions);
    config.BootstrapServers = broker.BootstrapServers;
    var produced = ProduceBurst.Run(config, topic, messages, payload);
    var consumed = Consume(topic);
    Console.WriteLine($"| {name} | {produced:N0} | {consumed:N0} |");
}

double Consume(string topic)
{
    using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
    {
        BootstrapServers = broker.BootstrapServers,
        GroupId = $"bench-{Guid.NewGuid():N}",
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = true,
        FetchMaxBytes = 16 * 1024 * 1024,
        QueuedMinMessages = 100_000,
    }).Build();
    consumer.Subscribe(topic);
    var count = 0;
    var clock = new Stopwatch();
    while (count < messages)
    {
        var result = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException($"stalled after {count}");
        if (count == 0) clock.Start(); // the ~3 s group join is not throughput
        count++;
    }

    var rate = (count - 1) / clock.Elapsed.TotalSeconds;
    var lowWatermarks = consumer.Assignment.Select(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(5)).Low.Value);
    if (lowWatermarks.Any(low => low > 0)) throw new InvalidOperationException("messages fell off the log start");
    consumer.Close();
    return rate;
}

static IEnumerable<(string Name, ProducerConfig Config)> ProducerVariants() =>
[
    ("defaults (linger 5 ms, acks all)", new ProducerConfig()),
    ("linger 0", new ProducerConfig { LingerMs = 0 }),
    ("linger 20 ms, batch 1 MiB", new ProducerConfig { LingerMs = 20, BatchSize = 1024 * 1024 }),
    ("linger 20 ms, batch 1 MiB, acks 1", new ProducerConfig { LingerMs = 20, BatchSize = 1024 * 1024, Acks = Acks.Leader }),
    ("linger 20 ms, batch 1 MiB, lz4", new ProducerConfig { LingerMs = 20, BatchSize = 1024 * 1024, CompressionType = CompressionType.Lz4 }),
    ("idempotent, linger 20 ms, batch 1 MiB", new ProducerConfig { LingerMs = 20, BatchSize = 1024 * 1024, EnableIdempotence = true }),
];
