using Npgsql;

namespace Platform.Gateway.Storage;

/// <summary>
/// Work that one gateway at a time should do (retention passes): run under a session-level PostgreSQL advisory lock,
/// held on a connection of its own for the whole run while the work uses other pooled connections.
/// </summary>
public static class AdvisoryLock
{
    /// <summary>The work's result, or null without running it when another session holds <paramref name="key"/>.</summary>
    public static async Task<T?> TryRunAsync<T>(NpgsqlDataSource db, long key, Func<Task<T>> work, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (!await CallAsync(connection, "pg_try_advisory_lock", key, cancellationToken))
        {
            return null;
        }

        try
        {
            return await work();
        }
        finally
        {
            await CallAsync(connection, "pg_advisory_unlock", key, CancellationToken.None);
        }
    }

    private static async Task<bool> CallAsync(NpgsqlConnection connection, string function, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}($1)", connection);
        command.Parameters.Add(new() { Value = key });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
