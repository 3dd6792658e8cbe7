using System.Globalization;
using Confluent.Kafka;
using Platform.BrokerThroughput;
using Platform.LocalInfra;

// Throughput of Kafka clients against the development broker with 1 KB messages: produce with delivery reports
// checked, for a few producer settings, then consume in a consumer group, for a few consumer settings, with the time
// from Subscribe to the first message (the group join). Each produce run uses its own topic (32 partitions unless
// --partitions says otherwise) and stays under the mock's ~5 MiB-per-partition retention (checked against the low
// watermark), so nothing falls off unseen. Every consume variant reads the first producer variant's topic.
//   dotnet run -c Release --project bench/BrokerThroughput [-- --messages N] [--partitions N]
//     [--producers ID,…] [--consumers ID,…] [--bootstrap HOST:PORT --topics T1,T2,…]
// With --bootstrap the broker is another process (e.g. platform-infra --topic T1:32 …, which creates the topics: the
// mock has no CreateTopics), so that two client builds can be measured against the same broker in the same run
// (bench/BrokerThroughput/README.md).
var partitions = int.Parse(Argument("--partitions") ?? "32", CultureInfo.InvariantCulture);
var messages = int.Parse(Argument("--messages") ?? "120000", CultureInfo.InvariantCulture);
using var embedded = Argument("--bootstrap") is null ? EmbeddedKafkaBroker.Start() : null;
var bootstrap = Argument("--bootstrap") ?? embedded!.BootstrapServers;
var givenTopics = new Queue<string>((Argument("--topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
var payload = new byte[1024];
Random.Shared.NextBytes(payload);

Console.WriteLine($"Confluent.Kafka {typeof(IProducer<,>).Assembly.GetName().Version}, librdkafka {Library.VersionString}; "
    + $"broker {(embedded is null ? bootstrap : "embedded")}; {messages:N0} messages of 1 KB, "
    + $"{(embedded is null ? "the given topics'" : partitions.ToString(CultureInfo.InvariantCulture))} partitions, {Environment.ProcessorCount} cores");
Console.WriteLine("| id | producer settings | produce msg/s |");
Console.WriteLine("|---|---|---|");
var filled = new List<string>();
foreach (var (id, name, config) in Chosen(ProducerVariants(), v => v.Id, Argument("--producers")))
{
    var topic = NextTopic();
    config.BootstrapServers = bootstrap;
    Console.WriteLine($"| {id} | {name} | {ProduceBurst.Run(config, topic, messages, payload):N0} |");
    filled.Add(topic);
}

Console.WriteLine();
// The first consumer of a process runs the clients' code before tiered compilation has optimised it: 170–360k msg/s
// where the same settings read 450–660k later in the run. One unmeasured pass keeps that out of the first variant.
_ = ConsumeAll.Run(new ConsumerConfig { BootstrapServers = bootstrap, FetchWaitMaxMs = 10 }, filled[0], messages, ConsumeAll.Loop.Blocking);
Console.WriteLine("| id | consumer settings (group member) | consume msg/s | group join to first message |");
Console.WriteLine("|---|---|---|---|");
foreach (var (id, name, config, loop) in Chosen(ConsumerVariants(), v => v.Id, Argument("--consumers")))
{
    config.BootstrapServers = bootstrap;
    try
    {
        var (rate, join) = ConsumeAll.Run(config, filled[0], messages, loop);
        Console.WriteLine($"| {id} | {name} | {rate:N0} | {join.TotalMilliseconds:N0} ms |");
    }
    catch (ArgumentException e)
    {
        Console.WriteLine($"| {id} | {name} | not supported by this client: {e.Message} | |");
    }
}

string NextTopic()
{
    if (embedded is null)
    {
        return givenTopics.TryDequeue(out var topic) ? topic : throw new ArgumentException("--topics needs one topic per producer variant");
    }

    var created = $"bench-{Guid.NewGuid():N}";
    embedded.CreateTopic(created, partitions);
    return created;
}

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static IEnumerable<(string Id, string Name, ProducerConfig Config)> ProducerVariants() =>
[
    ("defaults", "defaults (linger 5 ms, acks all)", new ProducerConfig()),
    ("linger0", "linger 0", new ProducerConfig { LingerMs = 0 }),
    ("linger20", "linger 20 ms, batch 1 MiB", new ProducerConfig { LingerMs = 20, BatchSize = 1024 * 1024 }),
    ("acks1", "linger 20 ms, batch 1 MiB, acks 1", new ProducerConfig { LingerMs = 20, BatchSize = 1024 * 1024, Acks = Acks.Leader }),
    ("lz4", "linger 20 ms, batch 1 MiB, lz4", new ProducerConfig { LingerMs = 20, BatchSize = 1024 * 1024, CompressionType = CompressionType.Lz4 }),
    ("idempotent", "idempotent, linger 20 ms, batch 1 MiB", new ProducerConfig { LingerMs = 20, BatchSize = 1024 * 1024, EnableIdempotence = true }),
];

// Each variant changes one thing from librdkafka's defaults or from the platform's settings (src/Messaging/
// KafkaClientSettings.GroupMember), to find which setting, if any, explains a gap between client versions.
static IEnumerable<(string Id, string Name, ConsumerConfig Config, ConsumeAll.Loop Loop)> ConsumerVariants()
{
    yield return ("defaults", "librdkafka defaults", new ConsumerConfig(), ConsumeAll.Loop.Blocking);
    yield return ("platform", "the platform's (fetch wait 10 ms, fetch.max.bytes 16 MiB, queued.min 100k)", Platform(), ConsumeAll.Loop.Blocking);
    yield return ("drain", "the platform's, drain loop (Consume(0) until empty, then block)", Platform(), ConsumeAll.Loop.Drain);
    yield return ("nofields", "the platform's, no headers/timestamps marshalled", With(Platform(), c => c.ConsumeResultFields = "topic"), ConsumeAll.Loop.Blocking);
    yield return ("partfetch4m", "the platform's, max.partition.fetch.bytes 4 MiB", With(Platform(), c => c.MaxPartitionFetchBytes = 4 * 1024 * 1024), ConsumeAll.Loop.Blocking);
    yield return ("fetchmax64m", "the platform's, fetch.max.bytes 64 MiB, max.partition.fetch.bytes 4 MiB", With(Platform(), c =>
    {
        c.FetchMaxBytes = 64 * 1024 * 1024;
        c.MaxPartitionFetchBytes = 4 * 1024 * 1024;
    }), ConsumeAll.Loop.Blocking);
    yield return ("fetchmin1m", "the platform's, fetch.min.bytes 1 MiB", With(Platform(), c => c.FetchMinBytes = 1024 * 1024), ConsumeAll.Loop.Blocking);
    yield return ("wait100", "the platform's, fetch.wait.max.ms 100", With(Platform(), c => c.FetchWaitMaxMs = 100), ConsumeAll.Loop.Blocking);
    yield return ("wait500", "the platform's, fetch.wait.max.ms 500 (default)", With(Platform(), c => c.FetchWaitMaxMs = 500), ConsumeAll.Loop.Blocking);
    yield return ("queued1m", "the platform's, queued.min.messages 1M, queued.max.messages.kbytes 1 GiB", With(Platform(), c =>
    {
        c.QueuedMinMessages = 1_000_000;
        c.QueuedMaxMessagesKbytes = 1024 * 1024;
    }), ConsumeAll.Loop.Blocking);
    yield return ("eof", "the platform's, enable.partition.eof", With(Platform(), c => c.EnablePartitionEof = true), ConsumeAll.Loop.Blocking);
    yield return ("backoff0", "the platform's, fetch.queue.backoff.ms 0", With(Platform(), c => c.Set("fetch.queue.backoff.ms", "0")), ConsumeAll.Loop.Blocking);
    yield return ("kip848", "the platform's, group.protocol consumer (KIP-848)", With(Platform(), c => c.Set("group.protocol", "consumer")), ConsumeAll.Loop.Blocking);

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

// --producers / --consumers take a comma-separated list of variant ids; without one, every variant runs.
static IEnumerable<T> Chosen<T>(IEnumerable<T> variants, Func<T, string> id, string? wanted)
{
    if (wanted is null)
    {
        return variants;
    }

    var ids = wanted.Split(',', StringSplitOptions.RemoveEmptyEntries);
    var all = variants.ToList();
    var unknown = ids.Where(i => all.All(v => id(v) != i)).ToList();
    return unknown.Count > 0
        ? throw new ArgumentException($"unknown variant(s) {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(id))}")
        : ids.Select(i => all.First(v => id(v) == i));
}
