using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Storage;

namespace Platform.Silo.Storage;

/// <summary>Brings the database schema up to date before the stages that use it start.</summary>
public sealed class SchemaMigration(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => SchemaMigrator.MigrateAsync(dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
