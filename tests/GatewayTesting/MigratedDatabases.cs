using System.Runtime.CompilerServices;
using Npgsql;
using Platform.LocalInfra;
using Platform.Storage;

namespace Platform.GatewayTesting;

/// <summary>
/// Databases with the schema already in place: copies (CREATE DATABASE … TEMPLATE) of one database migrated once per
/// PostgreSQL server. Migrating each new database took about half a second of each host's start, a third of what a
/// silo beside the gateway adds; a copy costs what an empty database does. The silo's and the gateway's migrations
/// still run at their start, and find nothing to do.
/// </summary>
internal static class MigratedDatabases
{
    private static readonly ConditionalWeakTable<PostgresServer, Lazy<Task<string>>> Templates = [];

    /// <summary>A new database named after <paramref name="prefix"/>; returns its connection string.</summary>
    public static async Task<string> CreateAsync(PostgresServer server, string prefix)
    {
        var template = await Templates.GetValue(server, s => new Lazy<Task<string>>(() => CreateTemplateAsync(s))).Value;
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
        await command.ExecuteNonQueryAsync();
        return server.ConnectionString(name);
    }

    private static async Task<string> CreateTemplateAsync(PostgresServer server)
    {
        var name = $"gateway_template_{Guid.NewGuid():N}";
        // Disposing the data source closes its connections: a template copied from must have no session open.
        await using (var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(name)))
        {
            await SchemaMigrator.MigrateAsync(dataSource);
        }

        return name;
    }
}
