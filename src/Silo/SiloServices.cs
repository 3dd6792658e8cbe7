using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.Silo.Configuration;
using Platform.Silo.Ingress;
using Platform.Silo.Kafka;
using Platform.Silo.Telemetry;

namespace Platform.Silo;

/// <summary>The silo's services: ingress, grain host, storage and telemetry, configured from one place.</summary>
public static class SiloServices
{
    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<KafkaOptions>()
            .Bind(configuration.GetSection(KafkaOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, ListingValidator<KafkaOptions>>(
            _ => new ListingValidator<KafkaOptions>(o => o.Validate()));
        services.AddSingleton(_ => configuration.GetSection("Ingress").Get<IngressLimits>() ?? new IngressLimits());
        services.AddSingleton<DeepStreamParser>();
        services.AddSingleton(sp => new IngressRouter(
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value, sp.GetRequiredService<DeepStreamParser>(), sp.GetRequiredService<IngressLimits>()));
        services.AddSingleton<SharedProducer>();
        services.AddSingleton<SiloTelemetry>();
        services.AddHostedService<IngressWorker>();
        return services;
    }

    /// <summary>
    /// `Kafka:BootstrapServers=embedded`: starts a development broker in this process with the platform's topics
    /// and points the configuration at it. The broker lives as long as the returned handle.
    /// </summary>
    public static EmbeddedKafkaBroker? StartEmbeddedBrokerIfAsked(IConfigurationManager configuration)
    {
        var key = $"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}";
        if (!string.Equals(configuration[key], "embedded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var broker = EmbeddedKafkaBroker.Start();
        foreach (var (name, partitions) in PlatformTopics.Defaults)
        {
            broker.CreateTopic(name, partitions);
        }

        configuration[key] = broker.BootstrapServers;
        return broker;
    }
}
