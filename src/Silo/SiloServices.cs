using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Grains.Cameras;
using Platform.Grains.Sensors;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Health;
using Platform.Silo.Configuration;
using Platform.Silo.Health;
using Platform.Silo.Hosting;
using Platform.Silo.Ingress;
using Platform.Silo.Kafka;
using Platform.Silo.Storage;
using Platform.Silo.Telemetry;

namespace Platform.Silo;

/// <summary>The silo's services: ingress, grain host, storage and telemetry, configured from one place.</summary>
public static class SiloServices
{
    /// <summary>Where /healthz and /readyz listen unless "Health:Urls" says otherwise (the chart's and the image's port).</summary>
    public const string DefaultHealthUrls = "http://0.0.0.0:8081";

    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddPlatformShutdown(configuration);
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
        services.AddSingleton<DeadLetterSender>();
        services.AddSingleton<SiloTelemetry>();
        services.AddPlatformTelemetry(configuration, "silo", SiloTelemetry.Name);
        services.AddOptions<GrainHostOptions>().Bind(configuration.GetSection(GrainHostOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GrainHostOptions>, ListingValidator<GrainHostOptions>>(
            _ => new ListingValidator<GrainHostOptions>(o => o.Validate()));
        services.AddSingleton(ValidGrainOptions(configuration.GetSection("Grains:Sensor").Get<SensorGrainOptions>() ?? new SensorGrainOptions(), o => o.Validate()));
        services.AddSingleton(ValidGrainOptions(configuration.GetSection("Grains:Camera").Get<CameraGrainOptions>() ?? new CameraGrainOptions(), o => o.Validate()));
        services.AddSingleton(_ => NpgsqlDataSource.Create(configuration["Postgres:ConnectionString"]
            ?? throw new OptionsValidationException("Postgres", typeof(NpgsqlDataSource), ["Postgres:ConnectionString is required."])));
        services.AddSingleton(configuration.GetSection(FaultInjection.Section).Get<FaultInjection>() ?? new FaultInjection());
        services.AddSingleton<GrainStore>();
        services.AddSingleton<ConfigStore>();
        // Hosted services start in this order: the probe endpoints first (live while the rest starts), then the
        // schema, then the stages that use it. Ready: PostgreSQL answers and both Kafka consumers are subscribed.
        services.AddPlatformHealth(configuration, DefaultHealthUrls)
            .AddCheck<PostgresHealthCheck>("postgres", tags: [HealthTags.Ready])
            .AddReadinessSignals("kafka-consumers", IngressWorker.ReadinessSignal, GrainHostWorker.ReadinessSignal);
        services.AddHostedService<SchemaMigration>();
        services.AddHostedService<IngressWorker>();
        services.AddSingleton<GrainHostWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<GrainHostWorker>());
        return services;
    }

    private static T ValidGrainOptions<T>(T options, Func<T, IReadOnlyList<string>> validate)
    {
        var errors = validate(options);
        return errors.Count == 0 ? options : throw new OptionsValidationException(typeof(T).Name, typeof(T), errors);
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
