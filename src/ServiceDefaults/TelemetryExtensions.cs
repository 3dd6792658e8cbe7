using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// OpenTelemetry for every service, configured once: traces and metrics of the given sources exported over
/// OTLP when "Telemetry:OtlpEndpoint" is set. The hosting integration package does not restore here, so the
/// providers are built with the SDK and owned by the container (disposed, and so flushed, at shutdown).
/// ASP.NET Core and HttpClient publish their own activities and meters; they are subscribed to by name.
/// </summary>
public static class TelemetryExtensions
{
    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, IConfiguration configuration,
        string serviceName, params string[] sources)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return services;
        }

        var endpoint = new Uri(options.OtlpEndpoint);
        var protocol = options.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource([.. sources, "Microsoft.AspNetCore", "System.Net.Http"])
            .AddOtlpExporter(o => { o.Endpoint = Signal(endpoint, protocol, "traces"); o.Protocol = protocol; })
            .Build());
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. sources, "Microsoft.AspNetCore.Hosting", "System.Net.Http"])
            .AddOtlpExporter(o => { o.Endpoint = Signal(endpoint, protocol, "metrics"); o.Protocol = protocol; })
            .Build());
        services.AddHostedService<TelemetryProvidersActivation>();
        return services;
    }

    /// <summary>
    /// Over HTTP each signal has its own path (/v1/traces, /v1/metrics); an endpoint set in code is used as given, so
    /// the path is added here (the SDK only adds it for the OTEL_EXPORTER_OTLP_ENDPOINT variable). gRPC takes the base.
    /// </summary>
    private static Uri Signal(Uri endpoint, OtlpExportProtocol protocol, string signal) =>
        protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, $"{endpoint.AbsolutePath.TrimEnd('/')}/v1/{signal}") : endpoint;
}
