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
    /// Waits until the silo applied everything on the grain topics (its stored offsets reach the topics' ends,
    /// and at least <paramref name="expectedEvents"/> envelopes were read) and sent everything it decided (the
    /// outbox is empty).
    /// </summary>
    public static async Task WaitUntilSettledAsync(string connectionString, string bootstrapServers, IReadOnlyDictionary<string, string> topics,
        int expectedEvents, TimeSpan timeout, bool direct = false)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // Device events reach the grains through platform.events, or in direct mode from the device topic itself.
        var input = topics[direct ? "DeepStreamTopic" : "EventsTopic"];
        string[] read = direct ? [topics["DeepStreamTopic"], topics["EventsTopic"], topics["ControlTopic"]] : [topics["EventsTopic"], topics["ControlTopic"]];
        var (applied, behind, outbox) = (0L, 0L, 0L);
        await Eventually.WaitAsync(async () =>
        {
            applied = await AppliedAsync(dataSource, input);
            behind = 0;
            foreach (var topic in read)
            {
                behind += TopicEnd(bootstrapServers, topic) - await AppliedAsync(dataSource, topic);
            }

            outbox = await ScalarAsync(dataSource, "SELECT count(*) FROM outbox");
            // Ingress may have re-produced records after a crash: those duplicates are on the topic too (and skipped).
            return applied >= expectedEvents && behind == 0 && outbox == 0;
        }, timeout, () => $"the silo to settle (events {applied}/{expectedEvents}, not applied yet {behind}, outbox {outbox})");
    }

    /// <summary>How many records of <paramref name="topic"/> the grain host has applied (its stored next offsets).</summary>
    public static Task<long> AppliedAsync(NpgsqlDataSource dataSource, string topic) =>
        ScalarAsync(dataSource, $"SELECT coalesce(sum(next_offset), 0) FROM partition_offsets WHERE topic = '{topic}'");

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

    private static async Task<IReadOnlyList<string>> RowsAsync(NpgsqlDataSource dataSource, string sql)
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
