using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

/// <summary>Healthy once every one of the named <see cref="ReadinessSignals"/> is raised; names the missing ones otherwise.</summary>
public sealed class ReadinessSignalsCheck(ReadinessSignals signals, IReadOnlyList<string> required) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = required.Where(name => !signals.IsRaised(name)).ToList();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("not started: " + string.Join(", ", missing)));
    }
}
