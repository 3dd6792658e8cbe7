using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.IntegrationTests.Silo;
using Platform.Testing;

namespace Platform.IntegrationTests.Faults;

/// <summary>What one silo run over a scenario decided: the catalog in PostgreSQL and every command it put on edge.commands.</summary>
internal sealed record SiloRunResult(SiloOutcome Outcome, IReadOnlyList<(string Id, string Payload)> PublishedCommands)
{
    public static async Task<SiloRunResult> ReadAsync(string database, string bootstrapServers, IReadOnlyDictionary<string, string> topics)
    {
        var records = await TopicDump.ReadAllAsync(bootstrapServers, topics["CommandsTopic"]);
        var commands = records.Select(r =>
        {
            var payload = Encoding.UTF8.GetString(r.Message.Value);
            using var json = JsonDocument.Parse(payload);
            return (json.RootElement.GetProperty("commandId").GetString()!, payload);
        }).ToList();
        return new SiloRunResult(await SiloOutcome.ReadAsync(database), commands);
    }

    /// <summary>
    /// Waits until the silo applied the last record of every source partition (its watermarks reach the ends of the
    /// DeepStream topic), caught up with the grain topics and emptied its outbox.
    /// </summary>
    public static async Task WaitUntilSettledAsync(string database, string bootstrapServers, IReadOnlyDictionary<string, string> topics,
        int expectedEvents, TimeSpan timeout)
    {
        var source = topics["DeepStreamTopic"];
        var ends = await SourceEndsAsync(bootstrapServers, source);
        await using var dataSource = NpgsqlDataSource.Create(database);
        var behind = ends.Count;
        await Eventually.WaitAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("SELECT source, max(source_offset) FROM source_watermarks GROUP BY source");
            await using var reader = await command.ExecuteReaderAsync();
            var applied = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                applied[reader.GetString(0)] = reader.GetInt64(1) >> 16; // stored as offset * 2^16 + index within the record
            }

            behind = ends.Count(e => !applied.TryGetValue(e.Key, out var last) || last + 1 < e.Value);
            return behind == 0;
        }, timeout, () => $"the silo to apply the last record of every source partition ({behind} of {ends.Count} behind)");
        await SiloOutcome.WaitUntilSettledAsync(database, bootstrapServers, topics, expectedEvents, timeout);
    }

    private static Task<Dictionary<string, long>> SourceEndsAsync(string bootstrapServers, string topic) =>
        Task.FromResult(TopicDump.Ends(bootstrapServers, topic).Where(e => e.Value > 0)
            .ToDictionary(e => string.Create(CultureInfo.InvariantCulture, $"{topic}/{e.Key}"), e => e.Value, StringComparer.Ordinal));
}
