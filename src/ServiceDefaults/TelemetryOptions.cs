namespace Platform.ServiceDefaults;

/// <summary>Section "Telemetry": OTLP export, off unless an endpoint is given.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The collector, e.g. http://otel-collector:4317. Empty: spans and metrics stay in-process (nothing exported).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc (default) or http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}
