using Npgsql;
using Platform.Silo;

namespace Platform.UnitTests.Silo;

public sealed class SiloDataSourceTests
{
    [Theory]
    [InlineData("Host=db;Username=platform", SiloServices.DefaultMaxPoolSize)]
    [InlineData("Host=db;Username=platform;Maximum Pool Size=5", 5)]
    [InlineData("Host=db;Username=platform;maxpoolsize=7", 7)]
    [InlineData("Host=db;Username=platform;MaxPoolSize=100", 100)]
    public void The_pool_is_capped_unless_the_connection_string_sizes_it(string connectionString, int expected)
    {
        using var dataSource = SiloServices.CreateDataSource(connectionString);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize);
    }
}
