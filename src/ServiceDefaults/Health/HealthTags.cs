namespace Platform.ServiceDefaults.Health;

/// <summary>Tags that route a health check to a probe.</summary>
public static class HealthTags
{
    /// <summary>Checks with this tag decide /readyz: Kubernetes sends traffic (or counts the pod available) only when all pass.</summary>
    public const string Ready = "ready";
}
