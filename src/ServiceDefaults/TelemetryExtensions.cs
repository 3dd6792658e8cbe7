using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// OpenTelemetry for every service, configured once: the service's own sources and meters plus the ASP.NET Core,
/// HttpClient and .NET runtime instrumentation, exported over OTLP when "Telemetry:OtlpEndpoint" is set. The hosting
/// integration starts the providers with the host and flushes them when it stops.
/// </summary>
public static class TelemetryExtensions
{
    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, IConfiguration configuration,
        string serviceName, params string[] sources) =>
        services.AddPlatformTelemetry(configuration, serviceName, traceSources: sources, meters: sources);

    /// <param name="traceSources">ActivitySource names whose spans are exported.</param>
    /// <param name="meters">Meter names whose instruments are exported.</param>
    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, IConfiguration configuration,
        string serviceName, IReadOnlyList<string> traceSources, IReadOnlyList<string> meters)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(' ', errors));
        }

        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return services; // nothing would leave the process: do not pay for recording
        }

        var endpoint = new Uri(options.OtlpEndpoint);
        var protocol = options.OtlpProtocol == TelemetryOptions.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource([.. traceSources])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => { o.Endpoint = Signal(endpoint, protocol, "traces"); o.Protocol = protocol; }))
            .WithMetrics(metrics => metrics
                .AddMeter([.. meters])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(o => { o.Endpoint = Signal(endpoint, protocol, "metrics"); o.Protocol = protocol; }));
        return services;
    }

    /// <summary>
    /// Over HTTP each signal has its own path (/v1/traces, /v1/metrics); an endpoint set in code is used as given, so
    /// the path is added here (the SDK only adds it for the OTEL_EXPORTER_OTLP_ENDPOINT variable). gRPC takes the base.
    /// </summary>
    private static Uri Signal(Uri endpoint, OtlpExportProtocol protocol, string signal) =>
        protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, $"{endpoint.AbsolutePath.TrimEnd('/')}/v1/{signal}") : endpoint;
}
