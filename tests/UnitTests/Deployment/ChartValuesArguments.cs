namespace Platform.UnitTests.Deployment;

/// <summary>The helm arguments (-f, --set) that select each <see cref="ChartValues"/>.</summary>
internal static class ChartValuesArguments
{
    public const string ExistingSecret = "platform-secrets";

    public const string EdgeAgentId = "edge-1";

    public static string AllFeaturesFile(string chartDirectory) => Path.Combine(chartDirectory, "ci", "all-features-values.yaml");

    public static IReadOnlyList<string> HelmArguments(this ChartValues values, string chartDirectory) => values switch
    {
        ChartValues.Defaults => [],
        ChartValues.AllFeatures => ["-f", AllFeaturesFile(chartDirectory)],
        ChartValues.AllFeaturesWithEdgeDeploymentAndExistingSecret =>
            ["-f", AllFeaturesFile(chartDirectory), "--set",
             $"edgeAgent.kind=Deployment,edgeAgent.agentId={EdgeAgentId},edgeAgent.storage.type=emptyDir,existingSecret={ExistingSecret}"],
        _ => throw new ArgumentOutOfRangeException(nameof(values), values, null),
    };
}
