using System.Text;
using Confluent.Kafka;
using Npgsql;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>What a silo run decided, read back from PostgreSQL: compared between a clean run and a crashed one.</summary>
internal sealed record SiloOutcome(
    IReadOnlyList<string> Commands,
    IReadOnlyList<string> Sessions,
    IReadOnlyList<string> Counts,
    IReadOnlyList<string> Alerts)
{
    public static async Task<SiloOutcome> ReadAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return new SiloOutcome(
            await RowsAsync(dataSource, "SELECT id || ' ' || payload::text FROM commands ORDER BY id"),
            await RowsAsync(dataSource, "SELECT id || ' ' || status || ' ' || start_at || ' ' || end_at || ' ' || extensions FROM recording_sessions ORDER BY id"),
            await RowsAsync(dataSource, "SELECT concat_ws(' ', sensor_id, zone_id, class, minute, entries, exits, max_present) FROM traffic_counts ORDER BY 1"),
            await RowsAsync(dataSource, "SELECT id FROM alerts ORDER BY id"));
    }

    /// <summary>
    /// Waits until the silo delivered every record of the topics it reads to the grains (each partition's checkpoint
    /// reaches the partition's end) and sent everything they decided (the outbox is empty).
    /// </summary>
    public static async Task WaitUntilSettledAsync(string connectionString, string bootstrapServers, IReadOnlyDictionary<string, string> topics, TimeSpan timeout)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var (behind, outbox) = (0L, 0L);
        await Eventually.WaitAsync(async () =>
        {
            behind = 0;
            foreach (var topic in SiloTopics.Read(topics))
            {
                behind += TopicEnd(bootstrapServers, topic) - await CheckpointedAsync(dataSource, topic);
            }

            outbox = await ScalarAsync(dataSource, "SELECT count(*) FROM outbox");
            return behind == 0 && outbox == 0;
        }, timeout, () => $"the silo to settle (records not checkpointed yet {behind}, outbox {outbox})");
    }

    /// <summary>Records of <paramref name="topic"/> every grain they went to has taken: the sum of its partitions' checkpoints.</summary>
    public static async Task<long> CheckpointedAsync(NpgsqlDataSource dataSource, string topic)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(sum(next_offset), 0) FROM stream_checkpoints WHERE topic = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = topic });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every command on the topic, as (commandId, exact payload).</summary>
    public static async Task<IReadOnlyList<(string Id, string Payload)>> PublishedCommandsAsync(string bootstrapServers, string topic, int atLeast)
    {
        var records = await Platform.Testing.TopicReader.ReadAsync(bootstrapServers, topic, atLeast, TimeSpan.FromSeconds(20));
        return [.. records.Select(r =>
        {
            var payload = Encoding.UTF8.GetString(r.Message.Value);
            using var json = System.Text.Json.JsonDocument.Parse(payload);
            return (json.RootElement.GetProperty("commandId").GetString()!, payload);
        })];
    }

    private static long TopicEnd(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "watermarks" }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<string> ScalarTextAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No row for: {sql}");
    }

    public static async Task<IReadOnlyList<string>> RowsAsync(NpgsqlDataSource dataSource, string sql)
    {
        var rows = new List<string>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
