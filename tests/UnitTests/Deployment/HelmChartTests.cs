using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.EdgeAgent;
using Platform.Silo;

namespace Platform.UnitTests.Deployment;

/// <summary>What can be checked of the chart without helm or a cluster: its YAML, its values, its ports and its env names.</summary>
public sealed partial class HelmChartTests
{
    private readonly HelmChart chart = HelmChart.Load();

    [Fact]
    public void Chart_yaml_is_a_v2_application_chart_with_semantic_versions()
    {
        Assert.Equal("v2", chart.Chart["apiVersion"]);
        Assert.Equal("platform", chart.Chart["name"]);
        Assert.Equal("application", chart.Chart["type"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)chart.Chart["version"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)chart.Chart["appVersion"]);
    }

    [Fact]
    public void Every_values_path_a_template_uses_exists_in_values_yaml()
    {
        var paths = chart.ValuesPaths();

        Assert.True(paths.Count > 40, $"only {paths.Count} .Values paths found: is the pattern still right?");
        Assert.Empty(paths.Where(p => chart.Value(p) is null).Order());
    }

    [Fact]
    public void Values_schema_is_json_whose_top_level_properties_are_exactly_the_values_keys()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(chart.Directory, "values.schema.json")));

        var properties = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(chart.Values.Keys.Cast<string>().Order(), properties);
        Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Silo_health_port_agrees_in_values_templates_dockerfile_and_code()
    {
        var port = chart.IntValue("silo.healthPort");

        Assert.Equal(new Uri(SiloServices.DefaultHealthUrls).Port, port);
        Assert.Equal([port], Exposed("src/Silo/Dockerfile"));
        Assert.Contains($"Health__Urls={SiloServices.DefaultHealthUrls}", chart.ReadRepositoryFile("src/Silo/Dockerfile"), StringComparison.Ordinal);
        AssertHealthPortWiring("silo", "silo.healthPort");
    }

    [Fact]
    public void Edge_agent_health_port_agrees_in_values_templates_dockerfile_and_code()
    {
        var port = chart.IntValue("edgeAgent.healthPort");

        Assert.Equal(new Uri(EdgeAgentServiceCollectionExtensions.DefaultHealthUrls).Port, port);
        Assert.Equal([port], Exposed("src/EdgeAgent/Dockerfile"));
        Assert.Contains($"Health__Urls={EdgeAgentServiceCollectionExtensions.DefaultHealthUrls}",
            chart.ReadRepositoryFile("src/EdgeAgent/Dockerfile"), StringComparison.Ordinal);
        AssertHealthPortWiring("edge-agent", "edgeAgent.healthPort");
    }

    [Fact]
    public void Gateway_port_agrees_in_values_templates_and_dockerfile()
    {
        var port = chart.IntValue("gateway.port");
        var dockerfile = chart.ReadRepositoryFile("src/Gateway/Dockerfile");

        Assert.Equal(8080, port);
        Assert.Equal([port], Exposed("src/Gateway/Dockerfile"));
        Assert.Contains($"ASPNETCORE_HTTP_PORTS={port}", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_HTTP_PORTS: {{ .Values.gateway.port | quote }}", chart.Templates["gateway-configmap.yaml"], StringComparison.Ordinal);
        var deployment = chart.Templates["gateway-deployment.yaml"];
        Assert.Contains("- name: http\n              containerPort: {{ .Values.gateway.port }}", deployment, StringComparison.Ordinal);
        Assert.Equal(3, ProbePort().Matches(deployment).Count(m => m.Groups[1].Value == "http"));
    }

    [Fact]
    public void Silo_env_vars_are_configuration_keys_the_silo_binds()
    {
        var names = chart.EnvNames("silo-").Concat(DockerfileEnvNames("src/Silo/Dockerfile")).ToHashSet();

        Assert.Contains("Kafka__Security__SaslPassword", names);
        Assert.Contains("Postgres__ConnectionString", names);
        AssertAllRead(names, ServiceConfiguration.Silo, "src/Silo");
        Assert.False(ServiceConfiguration.Silo.IsBound("Kafka:Security:SaslPasword"), "a misspelt key must not pass");
    }

    [Fact]
    public void Edge_agent_env_vars_are_configuration_keys_the_agent_binds()
    {
        var names = chart.EnvNames("edge-agent").Concat(DockerfileEnvNames("src/EdgeAgent/Dockerfile")).ToHashSet();

        Assert.Contains("EdgeAgent__Cameras__0__SensorIds__0", names);
        Assert.Contains("EdgeAgent__AgentId", names);
        AssertAllRead(names, ServiceConfiguration.EdgeAgent, "src/EdgeAgent");
        Assert.False(ServiceConfiguration.EdgeAgent.IsBound("EdgeAgent:Cameras:0:Url"), "a key no option has must not pass");
    }

    [Fact]
    public void Gateway_env_vars_are_configuration_keys_the_gateway_reads()
    {
        var names = chart.EnvNames("gateway-");

        Assert.Contains("Auth__Jwt__SigningKey", names);
        Assert.Contains("Kafka__Security__SaslPassword", names);
        AssertAllRead(names.Where(n => n != "ASPNETCORE_HTTP_PORTS"), ServiceConfiguration.Gateway, "src/Gateway");
        Assert.False(ServiceConfiguration.Gateway.IsBound("Auth:Jwt:Secret"), "a key no option has must not pass");
    }

    private void AssertHealthPortWiring(string component, string valuesPath)
    {
        var deployment = chart.Templates[component == "silo" ? "silo-deployment.yaml" : "edge-agent.yaml"];
        Assert.Contains($"- name: health\n              containerPort: {{{{ .Values.{valuesPath} }}}}", deployment, StringComparison.Ordinal);
        Assert.Contains("{{- include \"platform.probes\" . | nindent 10 }}", deployment, StringComparison.Ordinal);
        Assert.Equal(3, ProbePort().Matches(chart.Templates["_helpers.tpl"]).Count(m => m.Groups[1].Value == "health"));
        Assert.Contains($"Health__Urls: {{{{ printf \"http://0.0.0.0:%v\" .Values.{valuesPath} | quote }}}}",
            chart.Templates[$"{component}-configmap.yaml"], StringComparison.Ordinal);
    }

    private static void AssertAllRead(IEnumerable<string> names, ConfigurationKeys keys, string sourceDirectory)
    {
        var root = Platform.LocalInfra.RepositoryPaths.FindRepositoryRoot();
        var source = string.Join('\n', Directory.GetFiles(Path.Combine(root, sourceDirectory), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        // Bound through an options class, or read by its literal key (configuration["Postgres:ConnectionString"]).
        var unread = names.Select(n => n.Replace("__", ":", StringComparison.Ordinal))
            .Where(key => !keys.IsBound(key) && !source.Contains($"\"{key}\"", StringComparison.Ordinal))
            .Order()
            .ToList();
        Assert.True(unread.Count == 0, $"{sourceDirectory} reads none of: " + string.Join(", ", unread));
    }

    private List<int> Exposed(string dockerfile) =>
        [.. ExposeLine().Matches(chart.ReadRepositoryFile(dockerfile)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private IEnumerable<string> DockerfileEnvNames(string dockerfile) =>
        DockerfileEnv().Matches(chart.ReadRepositoryFile(dockerfile)).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"(?m)^EXPOSE\s+(\d+)")]
    private static partial Regex ExposeLine();

    [GeneratedRegex(@"(?m)^(?:ENV\s+)?\s*([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)=")]
    private static partial Regex DockerfileEnv();

    [GeneratedRegex(@"httpGet:\s*\{\s*path:\s*/(?:healthz|readyz),\s*port:\s*(\w+)\s*\}")]
    private static partial Regex ProbePort();
}
