using Npgsql;
using Platform.Silo.Streams;
using Platform.Testing;

namespace Platform.IntegrationTests.Silo;

/// <summary>The stream checkpoints on a real PostgreSQL: fenced by the claim's epoch, written for many queues at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckpointerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_claim_resumes_at_the_stored_offset_and_refuses_every_later_commit_of_the_earlier_owner()
    {
        await using var dataSource = await MigratedAsync("fencing");
        await using var first = new PostgresCheckpointer(dataSource, "svc/kafka", "silo-a");
        await using var second = new PostgresCheckpointer(dataSource, "svc/kafka", "silo-b");

        var old = await first.ClaimAsync("ds", 0, CancellationToken.None);
        Assert.Null(old.ResumeAt);
        Assert.True(await first.CommitAsync(old, 120, CancellationToken.None));

        var taken = await second.ClaimAsync("ds", 0, CancellationToken.None);
        Assert.Equal(120, taken.ResumeAt);
        Assert.True(taken.Epoch > old.Epoch);
        Assert.False(await first.CommitAsync(old, 150, CancellationToken.None));
        Assert.True(await second.CommitAsync(taken, 130, CancellationToken.None));
        Assert.Equal((130L, "silo-b"), await StoredAsync(dataSource, "svc/kafka", 0));
    }

    [Fact]
    public async Task The_commits_of_a_hundred_queues_due_together_are_all_stored_and_scopes_do_not_mix()
    {
        await using var dataSource = await MigratedAsync("many");
        await using var checkpointer = new PostgresCheckpointer(dataSource, "svc/kafka", "silo-a");
        await using var other = new PostgresCheckpointer(dataSource, "other/kafka", "silo-x");
        var leases = await Task.WhenAll(Enumerable.Range(0, 128).Select(p => checkpointer.ClaimAsync("ds", p, CancellationToken.None)));
        var foreign = await other.ClaimAsync("ds", 5, CancellationToken.None);

        var accepted = await Task.WhenAll(leases.Select(l => checkpointer.CommitAsync(l, 1000 + l.Partition, CancellationToken.None)));
        Assert.True(await other.CommitAsync(foreign, 7, CancellationToken.None));

        Assert.All(accepted, Assert.True);
        foreach (var partition in new[] { 0, 5, 127 })
        {
            Assert.Equal((1000L + partition, "silo-a"), await StoredAsync(dataSource, "svc/kafka", partition));
        }

        Assert.Equal((7L, "silo-x"), await StoredAsync(dataSource, "other/kafka", 5));
    }

    private async Task<NpgsqlDataSource> MigratedAsync(string name)
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(name));
        await Platform.Storage.SchemaMigrator.MigrateAsync(dataSource);
        return dataSource;
    }

    private static async Task<(long, string)> StoredAsync(NpgsqlDataSource dataSource, string scope, int partition)
    {
        await using var command = dataSource.CreateCommand("SELECT next_offset, owner FROM stream_checkpoints WHERE provider = $1 AND topic = 'ds' AND partition = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetString(1));
    }
}
