using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Platform.Silo.Health;

/// <summary>
/// Readiness: PostgreSQL answers a trivial query. Without it no batch can commit, so the silo makes no progress.
/// The failure description is the exception type only: Npgsql's messages can name hosts and users.
/// </summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL unreachable ({e.GetType().Name})");
        }
    }
}
