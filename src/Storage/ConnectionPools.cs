using System.Data.Common;
using Npgsql;

namespace Platform.Storage;

/// <summary>
/// Connection strings for one pool of a process: capped, so that bursts (a hundred queues claimed at once, hundreds
/// of reminders registered together) wait for a connection instead of taking PostgreSQL's max_connections from
/// the other processes, and named, so that pg_stat_activity says whose connections they are. A connection string
/// that sets either keeps its own value.
/// </summary>
public static class ConnectionPools
{
    public static string Capped(string connectionString, int maxPoolSize, string applicationName)
    {
        var given = Keys(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maximumpoolsize") && !given.Contains("maxpoolsize"))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        if (!given.Contains("applicationname"))
        {
            builder.ApplicationName = applicationName;
        }

        return builder.ConnectionString;
    }

    // Npgsql's own builder answers for every keyword it knows; the plain one says what the string contains.
    private static HashSet<string> Keys(string connectionString) =>
        [.. new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())];
}
