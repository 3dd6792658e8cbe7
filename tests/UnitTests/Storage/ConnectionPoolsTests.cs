using Npgsql;
using Platform.Storage;

namespace Platform.UnitTests.Storage;

public sealed class ConnectionPoolsTests
{
    [Theory]
    [InlineData("Host=db;Username=platform", 12)]
    [InlineData("Host=db;Username=platform;Maximum Pool Size=5", 5)]
    [InlineData("Host=db;Username=platform;maxpoolsize=7", 7)]
    [InlineData("Host=db;Username=platform;MaxPoolSize=100", 100)]
    public void The_pool_is_capped_unless_the_connection_string_sizes_it(string connectionString, int expected)
    {
        var capped = new NpgsqlConnectionStringBuilder(ConnectionPools.Capped(connectionString, 12, "platform-silo"));

        Assert.Equal(expected, capped.MaxPoolSize);
        Assert.Equal("db", capped.Host);
    }

    [Theory]
    [InlineData("Host=db", "platform-silo")]
    [InlineData("Host=db;Application Name=ops-console", "ops-console")]
    public void Connections_are_named_for_pg_stat_activity_unless_the_string_names_them(string connectionString, string expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(ConnectionPools.Capped(connectionString, 12, "platform-silo")).ApplicationName);
}
