using Npgsql;
using Platform.Storage;
using Platform.Testing;

namespace Platform.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Every_migration_is_applied_once_even_by_concurrent_starters()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("migrate"));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SchemaMigrator.MigrateAsync(dataSource)));
        var again = await SchemaMigrator.MigrateAsync(dataSource);

        Assert.Equal(SchemaMigrator.Migrations.Select(m => m.Version), results.SelectMany(r => r).Order());
        Assert.Empty(again);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)SchemaMigrator.Migrations.Count, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrated_database_has_the_silo_tables_and_none_of_the_former_host()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("tables"));
        await SchemaMigrator.MigrateAsync(dataSource);

        await using var command = dataSource.CreateCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        var tables = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Superset(
            new HashSet<string>
            {
                "cameras", "rules", "sensors", "sites", "grain_states", "outbox", "stream_checkpoints",
                "orleansquery", "orleans_membership", "orleans_membership_versions", "orleans_reminders",
            },
            tables);
        // The partition-worker host's tables went with it (migration 0009).
        Assert.Empty(tables.Intersect(["grain_state", "partition_offsets", "source_watermarks"]));
    }
}
