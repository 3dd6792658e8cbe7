namespace Platform.Gateway.Configuration;

/// <summary>Section "Gateway": request limits and browser access.</summary>
public sealed class GatewayLimits
{
    public const string Section = "Gateway";

    /// <summary>The largest request body accepted; rules and sensors are a few KiB, so 1 MiB is generous.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Origins allowed to call the API from a browser. Empty: no CORS (the web UI is served from the same origin).</summary>
    public string[] CorsOrigins { get; set; } = [];
}
