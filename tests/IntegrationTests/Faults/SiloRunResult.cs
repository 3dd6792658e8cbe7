using System.Text;
using System.Text.Json;
using Platform.IntegrationTests.Silo;

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
}
