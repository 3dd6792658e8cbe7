using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Platform.Grains.Cameras;
using Platform.Grains.Hosting;
using Platform.Grains.Sensors;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Cluster;
using Platform.ServiceDefaults.Health;
using Platform.Silo.Configuration;
using Platform.Silo.Health;
using Platform.Silo.Hosting;
using Platform.Silo.Ingress;
using Platform.Grains.Edge;
using Platform.Grains.Live;
using Platform.Silo.Kafka;
using Platform.Silo.Outbox;
using Platform.Silo.Storage;
using Platform.Storage;
using Platform.Silo.Streams;
using Platform.Silo.Telemetry;
using Platform.Streaming.Kafka;

namespace Platform.Silo;

/// <summary>
/// The silo: an Orleans silo whose grains read Kafka through the Kafka stream provider and keep their state in
/// PostgreSQL, with the probe endpoints (and, when asked, the Orleans Dashboard) on its own small web host.
/// </summary>
public static class SiloServices
{
    /// <summary>Where /healthz and /readyz listen unless "Health:Urls" says otherwise (the chart's and the image's port).</summary>
    public const string DefaultHealthUrls = "http://0.0.0.0:8081";

    /// <summary>
    /// Connections the silo's own pool opens at most, unless Postgres:ConnectionString sets "Maximum Pool Size": its
    /// writers, loaders, relay and checkpointer need about a dozen. Orleans' providers have a pool of their own.
    /// </summary>
    public const int DataSourcePoolSize = 32;

    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;
        var cluster = configuration.GetSection(OrleansClusterSettings.Section).Get<OrleansClusterSettings>() ?? new OrleansClusterSettings();
        var connectionString = configuration["Postgres:ConnectionString"]
            ?? throw new OptionsValidationException("Postgres", typeof(NpgsqlDataSource), ["Postgres:ConnectionString is required."]);
        builder.WebHost.UseUrls([.. WebUrls(configuration, cluster)]);

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddPlatformShutdown(configuration);
        services.AddOptions<KafkaOptions>()
            .Bind(configuration.GetSection(KafkaOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, ListingValidator<KafkaOptions>>(
            _ => new ListingValidator<KafkaOptions>(o => o.Validate()));
        services.AddSingleton(_ => configuration.GetSection("Ingress").Get<IngressLimits>() ?? new IngressLimits());
        services.AddSingleton(sp => new DeepStreamParser(sp.GetRequiredService<IngressLimits>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value.DeepStreamFormat));
        services.AddSingleton(sp => new IngressRouter(
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value, sp.GetRequiredService<DeepStreamParser>(), sp.GetRequiredService<IngressLimits>()));
        services.AddSingleton<DeepStreamRecordMapper>();
        services.AddSingleton<SiloTelemetry>();
        services.AddSingleton<GrainTelemetry>();
        // Orleans' spans of grain calls (a sensor asking its camera to record) join the event's trace; its runtime
        // spans (every pulling agent's timer tick, hundreds a second on an idle silo) are not exported.
        services.AddPlatformTelemetry(configuration, "silo",
            traceSources: [SiloTelemetry.Name, GrainTelemetry.Name, Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName],
            meters: [SiloTelemetry.Name, GrainTelemetry.Name, KafkaStreamTelemetry.MeterName, "Microsoft.Orleans"]);
        services.AddSingleton(ValidGrainOptions(configuration.GetSection("Grains:Sensor").Get<SensorGrainOptions>() ?? new SensorGrainOptions(), o => o.Validate()));
        services.AddSingleton(ValidGrainOptions(configuration.GetSection("Grains:Camera").Get<CameraGrainOptions>() ?? new CameraGrainOptions(), o => o.Validate()));
        services.AddSingleton(_ => NpgsqlDataSource.Create(ConnectionPools.Capped(connectionString, DataSourcePoolSize, "platform-silo")));
        services.AddSingleton(configuration.GetSection(FaultInjection.Section).Get<FaultInjection>() ?? new FaultInjection());
        services.AddSingleton<ConfigStore>();
        services.AddSingleton<PostgresGrainConfigSource>();
        services.AddSingleton<IGrainConfigSource>(sp => sp.GetRequiredService<PostgresGrainConfigSource>());
        services.AddSingleton<GrainStateCodec>();
        services.AddSingleton(sp => new OutboxMessages(sp.GetRequiredService<IOptions<KafkaOptions>>().Value));
        services.AddSingleton<SharedProducer>();
        services.AddSingleton<ILiveCommandSender, KafkaLiveCommandSender>();
        services.AddSingleton<IEdgeConfigPublisher, KafkaEdgeConfigPublisher>();
        services.AddSingleton<IEdgeAgentDirectory, PostgresEdgeAgentDirectory>();
        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<PostgresGrainStorage>();
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [HealthTags.Ready])
            .AddReadinessSignals("orleans", SiloReadiness.Signal);
        services.AddSingleton<ReadinessSignals>();

        // Hosted services start in this order: the schema (Orleans' membership tables are in it), then the silo.
        services.AddHostedService<SchemaMigration>();
        builder.UseOrleans(silo => OrleansSilo.Configure(silo, configuration, cluster, connectionString));
        services.AddHostedService<OutboxSweeper>();
        return builder;
    }

    /// <summary>The probe endpoints on every URL of "Health:Urls"; the dashboard on its own port only.</summary>
    public static WebApplication MapSilo(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthProbes(app.Services.GetRequiredService<HealthCheckService>());
        var cluster = app.Configuration.GetSection(OrleansClusterSettings.Section).Get<OrleansClusterSettings>() ?? new OrleansClusterSettings();
        if (cluster.DashboardPort > 0)
        {
            app.MapOrleansDashboard().RequireHost($"*:{cluster.DashboardPort}");
        }

        return app;
    }

    /// <summary>
    /// `Kafka:BootstrapServers=embedded`: starts a development broker in this process with the platform's topics
    /// and points the configuration at it. The broker lives as long as the returned handle.
    /// </summary>
    public static EmbeddedKafkaBroker? StartEmbeddedBrokerIfAsked(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
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

    // Kestrel listens on exactly these: the aspnet image's ASPNETCORE_HTTP_PORTS (8080) must not open another port.
    private static List<string> WebUrls(IConfiguration configuration, OrleansClusterSettings cluster)
    {
        var urls = HealthExtensions.ParseUrls(configuration.GetSection(HealthOptions.Section).Get<HealthOptions>()?.Urls ?? DefaultHealthUrls).ToList();
        if (cluster.DashboardPort > 0)
        {
            // Like the Orleans ports: only loopback when the silo is advertised there (see OrleansSilo).
            var host = cluster.AdvertisedAddress is { Length: > 0 } address && IPAddress.IsLoopback(IPAddress.Parse(address)) ? address : "0.0.0.0";
            urls.Add($"http://{host}:{cluster.DashboardPort}");
        }

        return urls.Count > 0
            ? urls
            : throw new OptionsValidationException(HealthOptions.Section, typeof(HealthOptions), ["Health:Urls must name at least one URL: the silo's probes listen there."]);
    }

    private static T ValidGrainOptions<T>(T options, Func<T, IReadOnlyList<string>> validate)
    {
        var errors = validate(options);
        return errors.Count == 0 ? options : throw new OptionsValidationException(typeof(T).Name, typeof(T), errors);
    }
}
