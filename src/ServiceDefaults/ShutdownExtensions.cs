using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// How long a service's background work gets to stop after SIGTERM or Ctrl-C ("Host:ShutdownTimeout"). Every loop of
/// the services observes the stopping token, so a dependency that is already gone (PostgreSQL, Kafka, S3) never holds
/// the process: what was not done yet waits in Kafka, the database or the edge spool for the next start.
/// </summary>
public static class ShutdownExtensions
{
    public const string Key = "Host:ShutdownTimeout";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddPlatformShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var timeout = configuration.GetValue(Key, DefaultTimeout);
        if (timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Key} must be positive; it is {timeout}.");
        }

        return services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
    }
}
