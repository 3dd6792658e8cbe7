using Npgsql;

namespace Platform.GatewayTests.Faults;

/// <summary>Every table of the gateway's database as a row count and a hash of its rows, to show that requests changed nothing.</summary>
internal static class TableFingerprint
{
    // Keys record their last use; the catalog's own columns are what must not change.
    private static readonly HashSet<string> CountOnly = ["api_keys"];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(NpgsqlDataSource db)
    {
        var tables = new List<string>();
        await using (var list = db.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
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
}
