using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.Silo;
using Platform.Testing;

namespace Platform.GatewayTesting;

/// <summary>
/// A real silo (the silo project's own AddSilo/MapSilo) in this process, for one <see cref="GatewayHost"/>: its
/// cluster lives in that host's database (membership, grain state, checkpoints), it reads and writes topics of its own on
/// the collection's broker, and it listens on free loopback ports. The gateway joins it as a cluster client.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    // One partition per topic: each partition of a read topic is an Orleans queue with its own pulling agent and reader,
    // and a test never needs more than one; fewer queues start and stop faster.
    private const int Partitions = 1;

    private readonly KafkaFixture kafka;
    private readonly string connectionString;
    private readonly Lazy<IProducer<string, byte[]>> producer;
    private readonly NpgsqlDataSource database;
    private WebApplication? app;

    public TestSilo(KafkaFixture kafka, string connectionString, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        this.kafka = kafka;
        this.connectionString = connectionString;
        ClusterId = clusterId;
        DeepStreamTopic = kafka.CreateTopic("ds", Partitions);
        ClipsTopic = kafka.CreateTopic("clips", Partitions);
        StatusTopic = kafka.CreateTopic("status", Partitions);
        SegmentsTopic = kafka.CreateTopic("segments", Partitions);
        CommandsTopic = kafka.CreateTopic("commands", Partitions);
        ConfigTopic = kafka.CreateTopic("config", Partitions);
        AlertsTopic = kafka.CreateTopic("alerts", Partitions);
        DeadLetterTopic = kafka.CreateTopic("dead", Partitions);
        producer = new(() => new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(kafka.BootstrapServers, "test-devices")).Build());
        database = NpgsqlDataSource.Create(connectionString);
    }

    public string ClusterId { get; }

    /// <summary>Read by the silo: DeepStream detections.</summary>
    public string DeepStreamTopic { get; }

    /// <summary>Read by the silo: edge clip announcements.</summary>
    public string ClipsTopic { get; }

    /// <summary>Read by the silo: edge heartbeats (<see cref="Platform.Grains.Interfaces.Edge.EdgeAgentStatus"/>).</summary>
    public string StatusTopic { get; }

    /// <summary>Read by the silo: continuous-recording segments (<see cref="Platform.Grains.Interfaces.Edge.ContinuousSegmentUploaded"/>).</summary>
    public string SegmentsTopic { get; }

    /// <summary>Written by the silo: Smart Video Record commands.</summary>
    public string CommandsTopic { get; }

    /// <summary>Written by agent grains: each agent's desired camera set, keyed by agent id.</summary>
    public string ConfigTopic { get; }

    /// <summary>Written by the silo, read by the gateway's alert feed.</summary>
    public string AlertsTopic { get; }

    public string DeadLetterTopic { get; }

    /// <summary>Starts the silo; returns once it is an active member of its cluster. Free ports are picked again if one was taken meanwhile.</summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var candidate = Build();
            try
            {
                await candidate.StartAsync();
                app = candidate;
                return;
            }
            catch (Exception e) when (attempt < 3 && IsPortTaken(e))
            {
                await candidate.DisposeAsync();
            }
        }
    }

    /// <summary>Stops the silo gracefully (it leaves the membership as Dead); the cluster is then unavailable to the gateway.</summary>
    public async Task StopAsync()
    {
        if (app is { } running)
        {
            app = null;
            await running.StopAsync();
            await running.DisposeAsync();
        }
    }

    /// <summary>
    /// Small pools whose idle connections close within seconds: the gateway tests run several hosts at once against
    /// one PostgreSQL (max_connections 200), a silo's default pools (32 + 8) would take it all, and Orleans' ADO.NET
    /// providers open connections from Npgsql's process-wide pools, which outlive the silo (idle for 5 minutes).
    /// </summary>
    private static string SiloConnectionString(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        MaxPoolSize = 4,
        ConnectionIdleLifetime = 2,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (producer.IsValueCreated)
        {
            producer.Value.Dispose();
        }

        await database.DisposeAsync();
    }

    /// <summary>
    /// Publishes a detection in DeepStream's minimal schema, keyed by the sensor as a device does; each object is
    /// "id|left|top|right|bottom|label". Returns its offset (see <see cref="WaitUntilAppliedAsync"/>).
    /// </summary>
    public Task<long> ProduceDetectionAsync(string sensorId, DateTimeOffset at, params string[] objects)
    {
        var message = new JsonObject
        {
            ["version"] = "4.0",
            ["sensorId"] = sensorId,
            ["@timestamp"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["objects"] = new JsonArray([.. objects.Select(o => JsonValue.Create(o))]),
        };
        return ProduceAsync(DeepStreamTopic, sensorId, Encoding.UTF8.GetBytes(message.ToJsonString()));
    }

    /// <summary>Publishes an edge agent's heartbeat as the agent does (its JSON, keyed by agent id). Returns its offset.</summary>
    public Task<long> ProduceHeartbeatAsync(EdgeAgentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return ProduceAsync(StatusTopic, status.AgentId, JsonSerializer.SerializeToUtf8Bytes(status, EdgeJsonContext.Default.EdgeAgentStatus));
    }

    /// <summary>Publishes a continuous-recording segment announcement as the agent does (its JSON, keyed by camera id). Returns its offset.</summary>
    public Task<long> ProduceSegmentAsync(ContinuousSegmentUploaded segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return ProduceAsync(SegmentsTopic, segment.CameraId.Value, JsonSerializer.SerializeToUtf8Bytes(segment, EdgeJsonContext.Default.ContinuousSegmentUploaded));
    }

    /// <summary>
    /// Waits until the silo has delivered the record at <paramref name="offset"/> of <paramref name="topic"/> to its grains
    /// and they stored what it changed: the queue's checkpoint, written only after that, has passed it.
    /// </summary>
    public async Task WaitUntilAppliedAsync(string topic, long offset, TimeSpan? timeout = null)
    {
        long checkpoint = 0;
        await Eventually.WaitAsync(async () =>
        {
            await using var command = database.CreateCommand("SELECT coalesce(max(next_offset), 0) FROM stream_checkpoints WHERE topic = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = topic });
            checkpoint = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            return checkpoint > offset;
        }, timeout ?? TimeSpan.FromSeconds(20), () => $"the silo to apply offset {offset} of {topic} (checkpoint at {checkpoint})");
    }

    /// <summary>The commands the silo sent, in order, once <paramref name="expected"/> are there (fewer when the time is up).</summary>
    public async Task<IReadOnlyList<SmartRecordCommand>> ReadCommandsAsync(int expected, TimeSpan? timeout = null)
    {
        var records = await TopicReader.ReadAsync(kafka.BootstrapServers, CommandsTopic, expected, timeout ?? TimeSpan.FromSeconds(20));
        return [.. records.OrderBy(r => r.Offset.Value).Select(r => JsonSerializer.Deserialize(r.Message.Value, EdgeJsonContext.Default.SmartRecordCommand)!)];
    }

    /// <summary>The live-view commands among the first <paramref name="records"/> records of the commands topic, in order.</summary>
    public async Task<IReadOnlyList<LiveViewCommand>> ReadLiveCommandsAsync(int records, TimeSpan? timeout = null)
    {
        var read = await TopicReader.ReadAsync(kafka.BootstrapServers, CommandsTopic, records, timeout ?? TimeSpan.FromSeconds(20));
        return [.. read.OrderBy(r => r.Offset.Value)
            .Where(r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("command").GetString() is LiveViewCommand.StartLive or LiveViewCommand.StopLive)
            .Select(r => JsonSerializer.Deserialize(r.Message.Value, EdgeJsonContext.Default.LiveViewCommand)!)];
    }

    /// <summary>The first <paramref name="records"/> edge.config messages, in the order the broker took them per agent.</summary>
    public async Task<IReadOnlyList<EdgeAgentConfig>> ReadConfigsAsync(int records, TimeSpan? timeout = null)
    {
        var read = await TopicReader.ReadAsync(kafka.BootstrapServers, ConfigTopic, records, timeout ?? TimeSpan.FromSeconds(20));
        return [.. read.OrderBy(r => r.Message.Timestamp.UnixTimestampMs).ThenBy(r => r.Offset.Value)
            .Select(r => JsonSerializer.Deserialize(r.Message.Value, EdgeJsonContext.Default.EdgeAgentConfig)!)];
    }

    private async Task<long> ProduceAsync(string topic, string key, byte[] value)
    {
        var delivered = await producer.Value.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value });
        return delivered.Offset.Value;
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = SiloConnectionString(connectionString),
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka:DeepStreamTopic"] = DeepStreamTopic,
            ["Kafka:ClipsTopic"] = ClipsTopic,
            ["Kafka:StatusTopic"] = StatusTopic,
            ["Kafka:SegmentsTopic"] = SegmentsTopic,
            ["Kafka:CommandsTopic"] = CommandsTopic,
            ["Kafka:ConfigTopic"] = ConfigTopic,
            ["Kafka:AlertsTopic"] = AlertsTopic,
            ["Kafka:DeadLetterTopic"] = DeadLetterTopic,
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            // The probe endpoints on a port of the OS's choosing: tests do not call them.
            ["Health:Urls"] = "http://127.0.0.1:0",
            // Checkpoints say what the grains have applied (WaitUntilAppliedAsync): written often, a test sees it soon.
            ["Streams:CheckpointInterval"] = "00:00:00.200",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSilo();
        var built = builder.Build();
        built.MapSilo();
        return built;
    }

    private static bool IsPortTaken(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsPortTaken),
        { InnerException: { } inner } => IsPortTaken(inner),
        _ => false,
    };
}
