using Npgsql;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_table_written_in_a_new_database_reads_back()
    {
        var connectionString = await postgres.CreateDatabaseAsync("roundtrip");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await Execute(connection, "CREATE TABLE cameras (id text PRIMARY KEY, name text NOT NULL, added timestamptz NOT NULL)");
        var added = new DateTime(2026, 11, 22, 4, 30, 0, DateTimeKind.Utc);
        await using (var insert = new NpgsqlCommand("INSERT INTO cameras VALUES ($1, $2, $3), ($4, $5, $3)", connection))
        {
            insert.Parameters.Add(new() { Value = "cam-1" });
            insert.Parameters.Add(new() { Value = "Loading dock" });
            insert.Parameters.Add(new() { Value = added });
            insert.Parameters.Add(new() { Value = "cam-2" });
            insert.Parameters.Add(new() { Value = "Gate ü" });
            Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        }

        var rows = new List<(string Id, string Name, DateTime Added)>();
        await using (var select = new NpgsqlCommand("SELECT id, name, added FROM cameras ORDER BY id", connection))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDateTime(2)));
            }
        }

        Assert.Equal([("cam-1", "Loading dock", added), ("cam-2", "Gate ü", added)], rows);
    }

    [Fact]
    public async Task Databases_created_for_two_tests_do_not_share_tables()
    {
        var first = await postgres.CreateDatabaseAsync("isolated");
        var second = await postgres.CreateDatabaseAsync("isolated");
        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await Execute(connection, "CREATE TABLE only_here (id int)");
        }

        await using var other = new NpgsqlConnection(second);
        await other.OpenAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => Execute(other, "SELECT * FROM only_here"));
        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
    }

    [Fact]
    public async Task A_stopped_server_comes_back_on_the_same_port_with_its_data_and_leaves_no_process()
    {
        var server = await PostgresServer.StartAsync();
        int pid;
        await using (server)
        {
            var connectionString = await server.CreateDatabaseAsync("restart");
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await Execute(connection, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('before restart')");
            }

            var port = server.Port;
            await server.StopAsync();
            Assert.False(await FreePort.IsListeningAsync(port));

            await server.StartAgainAsync();
            Assert.Equal(port, server.Port);
            pid = server.Pid!.Value;
            NpgsqlConnection.ClearAllPools();
            await using var reopened = new NpgsqlConnection(connectionString);
            await reopened.OpenAsync();
            await using var select = new NpgsqlCommand("SELECT value FROM kept", reopened);
            Assert.Equal("before restart", await select.ExecuteScalarAsync());
        }

        Assert.False(ProcessTable.IsAlive(pid), $"postgres (pid {pid}) outlived its server object");
        Assert.False(Directory.Exists(server.DataDirectory));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
