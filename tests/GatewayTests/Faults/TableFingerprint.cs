using Npgsql;

namespace Platform.GatewayTests.Faults;

/// <summary>
/// Every table of the gateway's database as a row count and a hash of its rows, to show that requests changed nothing;
/// grain state and the outbox included (a request that reached a grain would show there), the cluster's own bookkeeping not.
/// </summary>
internal static class TableFingerprint
{
    // Keys record their last use; the catalog's own columns are what must not change.
    private static readonly HashSet<string> CountOnly = ["api_keys"];

    // The silo's liveness rows and stream checkpoints move by themselves while it runs, whatever the gateway is asked.
    private static readonly HashSet<string> ClusterBookkeeping = ["orleans_membership", "orleans_membership_versions", "stream_checkpoints"];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(NpgsqlDataSource db)
    {
        var tables = new List<string>();
        await using (var list = db.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (!ClusterBookkeeping.Contains(reader.GetString(0)))
                {
                    tables.Add(reader.GetString(0));
                }
            }
        }

        var result = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            var hash = CountOnly.Contains(table) ? "''" : $"md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))";
            await using var command = db.CreateCommand($"SELECT count(*)::text || ':' || {hash} FROM \"{table}\" t");
            result[table] = (string)(await command.ExecuteScalarAsync())!;
        }

        return result;
    }

    /// <summary>The tables whose fingerprint differs, each with both fingerprints: empty when nothing changed.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(table => before.GetValueOrDefault(table) != after.GetValueOrDefault(table))
            .Select(table => $"{table}: {before.GetValueOrDefault(table) ?? "absent"} -> {after.GetValueOrDefault(table) ?? "absent"}")];
}
