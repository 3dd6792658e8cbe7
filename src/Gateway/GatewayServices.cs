using Microsoft.Extensions.Options;
using Platform.Gateway.Api.Alerts;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Api.Continuous;
using Platform.Gateway.Api.Rules;
using Npgsql;
using Platform.Gateway.Configuration;
using Platform.Gateway.Http;
using Platform.Gateway.Messaging;
using Platform.Gateway.Security;
using Platform.Grains.Interfaces.Json;
using Platform.ServiceDefaults;

namespace Platform.Gateway;

/// <summary>Everything the gateway needs, configured from the sections named in the README's configuration reference.</summary>
public static class GatewayServices
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var limits = configuration.GetSection(GatewayLimits.Section).Get<GatewayLimits>() ?? new GatewayLimits();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        services.AddSingleton(limits);
        services.AddSingleton(Options.Create(auth));
        services.AddOptions<GatewayKafkaOptions>().Bind(configuration.GetSection(GatewayKafkaOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.BootstrapServers), "Kafka:BootstrapServers is required.")
            .Validate(o => o.Security.Validate("Kafka:Security").Count == 0, "Kafka:Security is invalid (see the configuration reference).").ValidateOnStart();
        services.AddOptions<S3StorageOptions>().Bind(configuration.GetSection(S3StorageOptions.Section))
            .Validate(o => Uri.TryCreate(o.ServiceUrl, UriKind.Absolute, out _), "S3:ServiceUrl is required (an absolute URL).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Bucket), "S3:Bucket is required.").ValidateOnStart();
        services.AddOptions<RuleVocabularyOptions>().Bind(configuration.GetSection(RuleVocabularyOptions.Section))
            .Validate(o => o.KnownClasses?.All(c => !string.IsNullOrWhiteSpace(c)) ?? true, "Rules:KnownClasses must not contain empty names.").ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddPlatformShutdown(configuration);
        services.AddSingleton(_ => NpgsqlDataSource.Create(configuration["Postgres:ConnectionString"]
            ?? throw new OptionsValidationException("Postgres", typeof(NpgsqlDataSource), ["Postgres:ConnectionString is required."])));
        services.AddSingleton<KafkaProbe>();
        services.AddSingleton<ConfigNotifier>();
        services.AddSingleton<PendingReloads>();
        services.AddHostedService(sp => sp.GetRequiredService<PendingReloads>());
        builder.AddClusterClient();
        services.AddSingleton<AlertSites>();
        services.AddSingleton<AlertFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertFeed>());
        services.AddHostedService<GatewayStartup>();
        services.AddClipServices(configuration);
        services.AddContinuousServices(configuration);

        services.ConfigureHttpJsonOptions(o =>
        {
            // Read like the contracts' source-generated context, so rules read identically here. Nulls are written:
            // every response of a type has the same fields.
            o.SerializerOptions.AllowOutOfOrderMetadataProperties = true;
            o.SerializerOptions.Converters.Add(new DayOfWeekJsonConverter());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<InvalidTextExceptionHandler>();
        services.AddGatewaySecurity(auth);
        services.AddOpenApi(o => o.AddApiKeySecurity());
        if (limits.CorsOrigins.Length > 0)
        {
            services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(limits.CorsOrigins).AllowAnyHeader().AllowAnyMethod()));
        }

        services.AddPlatformTelemetry(configuration, "gateway", GatewayTelemetry.Source.Name, "Microsoft.Orleans", "Microsoft.Orleans.Application");
        return builder;
    }
}
