namespace Platform.ServiceDefaults;

/// <summary>Section "Telemetry": OTLP export, off unless an endpoint is given. Checked at start.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The collector, e.g. http://otel-collector:4317. Empty: spans and metrics stay in-process (nothing exported).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc (default) or http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = Grpc;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add($"Telemetry:OtlpEndpoint must be an absolute http(s) URL such as http://otel-collector:4317, not '{OtlpEndpoint}'.");
        }

        if (OtlpProtocol is not (Grpc or HttpProtobuf))
        {
            errors.Add($"Telemetry:OtlpProtocol must be '{Grpc}' or '{HttpProtobuf}', not '{OtlpProtocol}'.");
        }

        return errors;
    }
}
