using System.Globalization;
using Confluent.Kafka;
using Platform.BrokerThroughput;
using Platform.LocalInfra;

// Throughput of Kafka clients against the development broker with 1 KB messages: produce with delivery reports
// checked, for a few producer settings, then consume in a consumer group, for a few consumer settings, with the time
// from Subscribe to the first message (the group join). Each produce run uses its own topic of 32 partitions and stays
// under the mock's ~5 MiB-per-partition retention (checked against the low watermark), so nothing falls off unseen.
//   dotnet run -c Release --project bench/BrokerThroughput [-- --messages N] [--bootstrap HOST:PORT --topics T1,T2,…]
// With --bootstrap the broker is another process (e.g. platform-infra --topic T1:32 …, which creates the topics: the
// mock has no CreateTopics), so that two client builds can be measured against the same broker in the same run.
const int Partitions = 32;
var messages = int.Parse(Argument("--messages") ?? "120000", CultureInfo.InvariantCulture);
using var embedded = Argument("--bootstrap") is null ? EmbeddedKafkaBroker.Start() : null;
var bootstrap = Argument("--bootstrap") ?? embedded!.BootstrapServers;
var givenTopics = new Queue<string>((Argument("--topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
var payload = new byte[1024];
Random.Shared.NextBytes(payload);

Console.WriteLine($"Confluent.Kafka {typeof(IProducer<,>).Assembly.GetName().Version}, librdkafka {Library.VersionString}; "
    + $"broker {(embedded is null ? bootstrap : "embedded")}; {messages:N0} messages of 1 KB, {Partitions} partitions, {Environment.ProcessorCount} cores");
Console.WriteLine("| producer settings | produce msg/s |");
Console.WriteLine("|---|---|");
var filled = new List<string>();
foreach (var (name, config) in ProducerVariants())
{
    var topic = NextTopic();
    config.BootstrapServers = bootstrap;
    Console.WriteLine($"| {name} | {ProduceBurst.Run(config, topic, messages, payload):N0} |");
    filled.Add(topic);
}

Console.WriteLine();
Console.WriteLine("| consumer settings (group member) | consume msg/s | group join to first message |");
Console.WriteLine("|---|---|---|");
foreach (var (name, config) in ConsumerVariants())
{
    config.BootstrapServers = bootstrap;
    try
    {
        var (rate, join) = ConsumeAll.Run(config, filled[0], messages);
        Console.WriteLine($"| {name} | {rate:N0} | {join.TotalMilliseconds:N0} ms |");
    }
    catch (ArgumentException e)
    {
        Console.WriteLine($"| {name} | not supported by this client: {e.Message} | |");
    }
}

string NextTopic()
{
    if (embedded is null)
    {
        return givenTopics.TryDequeue(out var topic) ? topic : throw new ArgumentException("--topics needs one topic per producer variant");
    }

    var created = $"bench-{Guid.NewGuid():N}";
    embedded.CreateTopic(created, Partitions);
    return created;
}

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
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

static IEnumerable<(string Name, ConsumerConfig Config)> ConsumerVariants()
{
    yield return ("librdkafka defaults", new ConsumerConfig());
    yield return ("the platform's (fetch wait 10 ms, fetch.max.bytes 16 MiB, queued.min 100k)", Platform());
    yield return ("the platform's, no headers/timestamps marshalled", With(Platform(), c => c.ConsumeResultFields = "topic"));
    yield return ("the platform's, max.partition.fetch.bytes 4 MiB", With(Platform(), c => c.MaxPartitionFetchBytes = 4 * 1024 * 1024));
    yield return ("the platform's, fetch.queue.backoff.ms 0", With(Platform(), c => c.Set("fetch.queue.backoff.ms", "0")));

    static ConsumerConfig Platform() => new()
    {
        FetchWaitMaxMs = 10,
        FetchMaxBytes = 16 * 1024 * 1024,
        QueuedMinMessages = 100_000,
    };

    static ConsumerConfig With(ConsumerConfig config, Action<ConsumerConfig> change)
    {
        change(config);
        return config;
    }
}
