using System.Globalization;
using Npgsql;
using Platform.Testing;

namespace Platform.IntegrationTests.Faults;

/// <summary>How far a silo run has got: the device records delivered to their grains and checkpointed (sum of the partitions' checkpoints).</summary>
internal static class SiloProgress
{
    public static async Task<long> AppliedAsync(string database, string deviceTopic)
    {
        // Unpooled: a pooled connection would outlive a PostgreSQL restart and fail the next probe.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(next_offset), 0) FROM stream_checkpoints WHERE topic = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = deviceTopic });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until a (re)started silo commits something beyond <paramref name="since"/>: it is processing.</summary>
    public static async Task<long> WaitBeyondAsync(string database, string deviceTopic, long since, TimeSpan timeout)
    {
        var applied = since;
        await Eventually.WaitAsync(async () => (applied = await AppliedAsync(database, deviceTopic)) > since, timeout,
            () => $"the silo to checkpoint beyond offset sum {since}");
        return applied;
    }
}
