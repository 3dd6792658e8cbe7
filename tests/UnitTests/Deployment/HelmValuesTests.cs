using Platform.Testing;

namespace Platform.UnitTests.Deployment;

/// <summary>`helm lint --strict` on the chart, and helm refusing values that values.schema.json (or a template) rules out.</summary>
public sealed class HelmValuesTests
{
    private readonly HelmChart chart = HelmChart.Load();

    public static TheoryData<ChartValues> AllValues => HelmRenderingTests.AllValues;

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task Lint_strict_finds_nothing(ChartValues values)
    {
        var result = await HelmTool.RunAsync(["lint", "--strict", chart.Directory, .. values.HelmArguments(chart.Directory)]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR]", result.Output, StringComparison.Ordinal);
    }

    // Each case pairs a refused value with an accepted one for the same field, so the refusal is the value's doing.
    [Theory]
    [InlineData("silo.replicas=0", "silo.replicas=1", "at '/silo/replicas': minimum: got 0, want 1")]
    [InlineData("gateway.port=70000", "gateway.port=8080", "at '/gateway/port': maximum")]
    [InlineData("edgeAgent.kind=StatefulSet", "edgeAgent.kind=Deployment", "at '/edgeAgent/kind': value must be one of")]
    [InlineData("kafka.security.protocol=Tls", "kafka.security.protocol=Ssl", "at '/kafka/security/protocol'")]
    [InlineData("s3.bucket=ab", "s3.bucket=abc", "at '/s3/bucket'")]
    [InlineData("edgeAgent.agentId=edge 1", "edgeAgent.agentId=edge-1", "at '/edgeAgent/agentId'")]
    [InlineData("silo.autoscaling.enabled=yes", "silo.autoscaling.enabled=true", "at '/silo/autoscaling/enabled'")]
    [InlineData("silo.podDisruptionBudget.maxUnavailabe=1", "silo.podDisruptionBudget.maxUnavailable=1", "at '/silo/podDisruptionBudget': additional properties 'maxUnavailabe' not allowed")]
    [InlineData("replicas=3", "silo.replicas=3", "at '': additional properties 'replicas' not allowed")]
    [InlineData("silo.orleans.siloPort=70000", "silo.orleans.siloPort=11112", "at '/silo/orleans/siloPort': maximum: got 70,000, want 65,535")]
    [InlineData("silo.orleans.gatewayPort=0", "silo.orleans.gatewayPort=30001", "at '/silo/orleans/gatewayPort': minimum: got 0, want 1")]
    [InlineData("silo.orleans.gatewayPort=gw", "silo.orleans.gatewayPort=30001", "at '/silo/orleans/gatewayPort'")]
    [InlineData("silo.orleans.port=11111", "silo.orleans.siloPort=11111", "at '/silo/orleans': additional properties 'port' not allowed")]
    [InlineData("orleans.clusterId=my cluster", "orleans.clusterId=my-cluster", "at '/orleans/clusterId'")]
    [InlineData("orleans.serviceId=-platform", "orleans.serviceId=platform-2", "at '/orleans/serviceId'")]
    [InlineData("orleans.clusterID=blue", "orleans.clusterId=blue", "at '/orleans': additional properties 'clusterID' not allowed")]
    [InlineData("silo.orleans.kubernetesHosting=yes", "silo.orleans.kubernetesHosting=true", "at '/silo/orleans/kubernetesHosting'")]
    [InlineData("silo.dashboard.port=70000", "silo.dashboard.port=9000", "at '/silo/dashboard/port': maximum: got 70,000, want 65,535")]
    [InlineData("silo.dashboard.enabled=on", "silo.dashboard.enabled=true", "at '/silo/dashboard/enabled'")]
    [InlineData("silo.dashboard.service.type=LoadBalancer", "silo.dashboard.service.enabled=false", "at '/silo/dashboard/service': additional properties 'type' not allowed")]
    [InlineData("silo.shutdownTimeoutSeconds=0", "silo.shutdownTimeoutSeconds=1", "at '/silo/shutdownTimeoutSeconds': minimum: got 0, want 1")]
    public async Task A_value_outside_the_schema_is_refused_naming_its_field(string refused, string accepted, string message)
    {
        var results = await Task.WhenAll(TemplateAsync("--set", refused), TemplateAsync("--set", accepted));
        var (bad, good) = (results[0], results[1]);

        Assert.False(bad.Succeeded, $"helm accepted {refused}");
        Assert.Contains("values don't meet the specifications of the schema", bad.Error, StringComparison.Ordinal);
        Assert.Contains(message, bad.Error, StringComparison.Ordinal);
        Assert.True(good.Succeeded, $"helm refused {accepted}: {good}");
    }

    // The Kafka-partition grain host's settings are gone with it: a values file from before the move to Orleans must
    // fail loudly instead of rendering a silo that silently ignores them.
    [Theory]
    [InlineData("silo.grainHost.batchMaxMessages=500", "at '/silo': additional properties 'grainHost' not allowed")]
    [InlineData("silo.grainHost.maxActivations=200000", "at '/silo': additional properties 'grainHost' not allowed")]
    [InlineData("silo.directDeviceTopic=true", "at '/silo': additional properties 'directDeviceTopic' not allowed")]
    public async Task A_setting_of_the_old_grain_host_is_refused_naming_it(string removed, string message)
    {
        var result = await TemplateAsync("--set", removed);

        Assert.False(result.Succeeded, $"helm accepted {removed}");
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo.orleans.gatewayPort=8081", "silo.healthPort and silo.orleans.gatewayPort are both 8081")]
    [InlineData("silo.orleans.siloPort=30000", "silo.orleans.siloPort and silo.orleans.gatewayPort are both 30000")]
    [InlineData("silo.dashboard.enabled=true,silo.dashboard.port=11111", "silo.orleans.siloPort and silo.dashboard.port are both 11111")]
    public async Task Two_silo_ports_on_one_number_are_refused_naming_both(string clash, string message)
    {
        var result = await TemplateAsync("--set", clash);

        Assert.False(result.Succeeded, $"helm rendered a silo with {clash}");
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dashboard_port_that_is_off_may_share_a_number()
    {
        var result = await TemplateAsync("--set", "silo.dashboard.enabled=false,silo.dashboard.port=8081");

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task An_edge_agent_Deployment_without_an_agent_id_is_refused()
    {
        var result = await TemplateAsync("--set", "edgeAgent.enabled=true,edgeAgent.kind=Deployment");

        Assert.False(result.Succeeded, "helm rendered an edge agent Deployment without edgeAgent.agentId");
        Assert.Contains("edgeAgent.agentId is required for a Deployment", result.Error, StringComparison.Ordinal);
    }

    private Task<HelmResult> TemplateAsync(params string[] arguments) =>
        HelmTool.RunAsync(["template", RenderedChart.ReleaseName, chart.Directory, .. arguments]);
}
