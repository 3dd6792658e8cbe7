namespace Platform.ServiceDefaults.Health;

/// <summary>Section "Health": where the probe endpoints listen.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Semicolon-separated URLs for /healthz and /readyz, e.g. "http://0.0.0.0:8081". Unset: the service's default.
    /// Empty: no endpoint (in-process test hosts). Port 0 picks a free port.
    /// </summary>
    public string? Urls { get; set; }
}
