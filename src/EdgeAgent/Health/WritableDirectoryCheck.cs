using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.EdgeAgent.Health;

/// <summary>
/// Readiness: a file can be created (and removed) in the directory. A read-only or missing volume would make
/// every recorder fail to write segments, so an agent without it is not ready to record.
/// </summary>
internal sealed class WritableDirectoryCheck(string directory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(directory, $".health-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"{directory} is not writable ({e.GetType().Name})");
        }
    }
}
