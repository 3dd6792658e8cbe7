using Npgsql;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>Which silo owns each queue (partition) of a topic, as its checkpoint row says: the last silo to claim it.</summary>
internal static class QueueOwners
{
    public static async Task<Dictionary<int, string>> ReadAsync(string database, string topic)
    {
        // Unpooled: tests restart PostgreSQL, and a pooled connection would outlive it.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT partition, owner FROM stream_checkpoints WHERE topic = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = topic });
        await using var reader = await command.ExecuteReaderAsync();
        var owners = new Dictionary<int, string>();
        while (await reader.ReadAsync())
        {
            owners[reader.GetInt32(0)] = reader.GetString(1);
        }

        return owners;
    }

    /// <summary>Waits until every partition of <paramref name="topic"/> is claimed and <paramref name="silos"/> silos share them.</summary>
    public static async Task<Dictionary<int, string>> WaitForSharedAsync(string database, string topic, int partitions, int silos, TimeSpan timeout,
        Func<string>? diagnostics = null)
    {
        var owners = new Dictionary<int, string>();
        await Eventually.WaitAsync(async () =>
        {
            owners = await ReadAsync(database, topic);
            return owners.Count == partitions && owners.Values.Distinct().Count() == silos;
        }, timeout, () => $"{silos} silos to share the {partitions} queues of {topic} ({owners.Count} claimed, by {owners.Values.Distinct().Count()})"
            + (diagnostics is null ? "" : $"; {diagnostics()}"));
        return owners;
    }
}
