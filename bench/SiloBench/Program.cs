using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.Silo;
using Platform.Silo.Ingress;

// Silo throughput on this machine, everything real: embedded broker, PostgreSQL, the silo host.
//   dotnet run -c Release --project bench/SiloBench -- [sensors=1000] [events=200000]
// 1. raw: a consumer group reads the produced DeepStream topic and parses every record (the stack's limit);
// 2. silo: the same events through ingress + grains + state commit (events applied per second, from the
//    offsets committed with the state).
var culture = CultureInfo.InvariantCulture;
var sensors = Arg(0, 1000);
var events = Arg(1, 200_000);

using var broker = EmbeddedKafkaBroker.Start();
foreach (var (name, _) in PlatformTopics.Defaults)
{
    broker.CreateTopic(name, name is PlatformTopics.Events or PlatformTopics.Control ? PlatformTopics.GrainPartitions : 32);
}

await using var postgres = await PostgresServer.StartAsync();
var database = await postgres.CreateDatabaseAsync("bench");
var start = TimeProvider.System.GetUtcNow();
Console.WriteLine($"{sensors:N0} sensors, {events:N0} minimal-schema events, {Environment.ProcessorCount} cores");

var produced = Stopwatch.StartNew();
ProduceEvents(PlatformTopics.DeepStreamEvents, events, sensors, start);
Console.WriteLine($"produce: {events / produced.Elapsed.TotalSeconds:N0} events/s");
Console.WriteLine($"raw consume + parse: {RawConsumeAndParse(events):N0} events/s");

using (var silo = BuildSilo(database))
{
    var clock = Stopwatch.StartNew();
    await silo.StartAsync();
    await using var dataSource = NpgsqlDataSource.Create(database);
    long applied = 0;
    TimeSpan firstAt = TimeSpan.Zero;
    while (applied < events && clock.Elapsed < TimeSpan.FromMinutes(10))
    {
        await Task.Delay(200);
        applied = await Scalar(dataSource, $"SELECT coalesce(sum(next_offset), 0) FROM partition_offsets WHERE topic = '{PlatformTopics.Events}'");
        if (applied > 0 && firstAt == TimeSpan.Zero)
        {
            firstAt = clock.Elapsed;
        }
    }

    var seconds = (clock.Elapsed - firstAt).TotalSeconds;
    var grains = await Scalar(dataSource, "SELECT count(*) FROM grain_state");
    Console.WriteLine($"silo (ingress + grains + commit): {applied / seconds:N0} events/s after the group join; {grains:N0} grain states; RSS {Environment.WorkingSet / 1048576:N0} MiB (broker, PostgreSQL client and silo in this process)");
    await silo.StopAsync();
}

return;

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], culture) : fallback;

void ProduceEvents(string topic, int count, int sensorCount, DateTimeOffset at)
{
    using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(broker.BootstrapServers, "bench")).Build();
    var failed = 0;
    for (var i = 0; i < count; i++)
    {
        var sensor = $"sensor-{i % sensorCount}";
        var timestamp = at.AddMilliseconds(i / sensorCount * 40).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", culture);
        var json = $$"""{"version":"4.0","@timestamp":"{{timestamp}}","sensorId":"{{sensor}}","objects":["{{i % 7}}|{{100 + i % 50}}|200|{{180 + i % 50}}|400|Person"]}""";
        var message = new Message<string, byte[]> { Key = sensor, Value = Encoding.UTF8.GetBytes(json) };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, r => { if (r.Error.IsError) Interlocked.Increment(ref failed); });
                break;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    producer.Flush(TimeSpan.FromMinutes(1));
    if (failed > 0) throw new InvalidOperationException($"{failed} deliveries failed");
}

double RawConsumeAndParse(int count)
{
    var parser = new DeepStreamParser(new IngressLimits(), TimeProvider.System);
    using var consumer = new ConsumerBuilder<Ignore, byte[]>(KafkaClientSettings.GroupMember(broker.BootstrapServers, "raw-" + Guid.NewGuid().ToString("N"), "raw")).Build();
    consumer.Subscribe(PlatformTopics.DeepStreamEvents);
    var seen = 0;
    var clock = new Stopwatch();
    while (seen < count)
    {
        var record = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException($"stalled at {seen}: did records fall off the log start?");
        if (seen++ == 0) clock.Start();
        if (!parser.TryParse(record.Message.Value, out _, out var rejection)) throw new InvalidOperationException(rejection.Detail);
    }

    consumer.Close();
    return (seen - 1) / clock.Elapsed.TotalSeconds;
}

IHost BuildSilo(string connectionString)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration["Kafka:BootstrapServers"] = broker.BootstrapServers;
    builder.Configuration["Postgres:ConnectionString"] = connectionString;
    builder.Services.AddSilo(builder.Configuration);
    return builder.Build();
}

static async Task<long> Scalar(NpgsqlDataSource dataSource, string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}
