namespace Platform.UnitTests.Deployment;

/// <summary>The sets of values the chart is linted and rendered with.</summary>
public enum ChartValues
{
    /// <summary>values.yaml alone: silo and gateway, no edge agent, HPA or ingress.</summary>
    Defaults,

    /// <summary>
    /// ci/all-features-values.yaml: every optional object (edge agent, HPA, Ingress, Orleans Kubernetes hosting with its
    /// RBAC, the Orleans Dashboard and its Service), SASL over TLS with a CA, inline secrets.
    /// </summary>
    AllFeatures,

    /// <summary>All features, but the edge agent as a Deployment on emptyDir and the secrets from an existing Secret.</summary>
    AllFeaturesWithEdgeDeploymentAndExistingSecret,
}
