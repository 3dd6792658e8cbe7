using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Health;

/// <summary>Health checks and the probe endpoints of a worker service, configured once for every service.</summary>
public static class HealthExtensions
{
    /// <summary>
    /// Registers the health checks and, unless "Health:Urls" is set to empty, a <see cref="HealthEndpointServer"/>
    /// on those URLs (or <paramref name="defaultUrls"/> when unset). Register it before the service's other hosted
    /// services: /healthz then answers while they start (a schema migration waiting for its database is not dead).
    /// Returns the builder for the service's readiness checks (tag them <see cref="HealthTags.Ready"/>).
    /// </summary>
    public static IHealthChecksBuilder AddPlatformHealth(this IServiceCollection services, IConfiguration configuration, string defaultUrls)
    {
        services.AddSingleton<ReadinessSignals>();
        var builder = services.AddHealthChecks();
        var urls = ParseUrls(configuration.GetSection(HealthOptions.Section).Get<HealthOptions>()?.Urls ?? defaultUrls);
        if (urls.Count > 0)
        {
            services.AddSingleton(provider => new HealthEndpointServer(urls,
                provider.GetRequiredService<HealthCheckService>(),
                provider.GetRequiredService<ILogger<HealthEndpointServer>>()));
            services.AddHostedService(provider => provider.GetRequiredService<HealthEndpointServer>());
        }

        return builder;
    }

    /// <summary>Requires the named <see cref="ReadinessSignals"/> for readiness.</summary>
    public static IHealthChecksBuilder AddReadinessSignals(this IHealthChecksBuilder builder, string checkName, params string[] required) =>
        builder.Add(new HealthCheckRegistration(checkName,
            provider => new ReadinessSignalsCheck(provider.GetRequiredService<ReadinessSignals>(), required),
            failureStatus: null, tags: [HealthTags.Ready]));

    /// <summary>"a;b" → [a, b]; blank → none (the endpoint is off).</summary>
    public static IReadOnlyList<string> ParseUrls(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
