using System.Text.RegularExpressions;
using Platform.EdgeAgent;
using Platform.ServiceDefaults.Cluster;
using Platform.Silo;

namespace Platform.UnitTests.Deployment;

/// <summary>
/// The chart against the code and the Dockerfiles: its values' ports, and the env names its rendered objects set against
/// the configuration the services bind. (What helm itself checks, and the rendered objects' wiring: HelmValuesTests and
/// HelmRenderingTests.)
/// </summary>
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

    // helm lint --strict stops only at a missing map on the way (.Values.silo.nope.port); a missing leaf
    // (.Values.silo.helthPort) renders as empty, so this stays a check of the template text.
    [Fact]
    public void Every_values_path_a_template_uses_exists_in_values_yaml()
    {
        var paths = chart.ValuesPaths();

        Assert.True(paths.Count > 40, $"only {paths.Count} .Values paths found: is the pattern still right?");
        Assert.Empty(paths.Where(p => chart.Value(p) is null).Order());
    }

    [Fact]
    public void Silo_health_port_agrees_in_values_dockerfile_and_code()
    {
        var port = chart.IntValue("silo.healthPort");
        var orleans = new OrleansClusterSettings();
        var siloPort = chart.IntValue("silo.orleans.siloPort");
        var gatewayPort = chart.IntValue("silo.orleans.gatewayPort");

        Assert.Equal(new Uri(SiloServices.DefaultHealthUrls).Port, port);
        Assert.Contains($"Health__Urls={SiloServices.DefaultHealthUrls}", chart.ReadRepositoryFile("src/Silo/Dockerfile"), StringComparison.Ordinal);
        // The Orleans ports: the chart's values are what the silo binds without configuration, and the image exposes them.
        Assert.Equal(orleans.SiloPort, siloPort);
        Assert.Equal(orleans.GatewayPort, gatewayPort);
        Assert.Equal(new[] { port, siloPort, gatewayPort }.Order(), Exposed("src/Silo/Dockerfile").Order());
    }

    [Fact]
    public void Edge_agent_health_port_agrees_in_values_dockerfile_and_code()
    {
        var port = chart.IntValue("edgeAgent.healthPort");

        Assert.Equal(new Uri(EdgeAgentServiceCollectionExtensions.DefaultHealthUrls).Port, port);
        Assert.Equal([port], Exposed("src/EdgeAgent/Dockerfile"));
        Assert.Contains($"Health__Urls={EdgeAgentServiceCollectionExtensions.DefaultHealthUrls}",
            chart.ReadRepositoryFile("src/EdgeAgent/Dockerfile"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("src/EdgeAgent")]
    [InlineData("src/Gateway")]
    [InlineData("src/Silo")]
    public void An_image_whose_service_runs_ffmpeg_installs_it(string project)
    {
        var runsFfmpeg = chart.ReadRepositoryFile($"{project}/{Path.GetFileName(project)}.csproj").Contains("FFMpegCore", StringComparison.Ordinal);
        var runtimeStage = chart.ReadRepositoryFile($"{project}/Dockerfile").Split("AS runtime")[^1];

        Assert.Equal(runsFfmpeg, runtimeStage.Contains("apt-get install -y --no-install-recommends ffmpeg", StringComparison.Ordinal));
    }

    [Fact]
    public void Silo_Orleans_ports_and_ids_default_to_what_the_services_bind_without_configuration()
    {
        var defaults = new OrleansClusterSettings();

        Assert.Equal(defaults.SiloPort, chart.IntValue("silo.orleans.siloPort"));
        Assert.Equal(defaults.GatewayPort, chart.IntValue("silo.orleans.gatewayPort"));
        Assert.Equal(defaults.ClusterId, chart.Value("orleans.clusterId"));
        Assert.Equal(defaults.ServiceId, chart.Value("orleans.serviceId"));
    }

    [Fact]
    public void Gateway_port_agrees_in_values_and_dockerfile()
    {
        var port = chart.IntValue("gateway.port");

        Assert.Equal(8080, port);
        Assert.Equal([port], Exposed("src/Gateway/Dockerfile"));
        Assert.Contains($"ASPNETCORE_HTTP_PORTS={port}", chart.ReadRepositoryFile("src/Gateway/Dockerfile"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_env_vars_are_configuration_keys_the_silo_binds()
    {
        var names = (await RenderedEnvNamesAsync("Deployment", "silo")).Concat(DockerfileEnvNames("src/Silo/Dockerfile")).ToHashSet();

        Assert.Contains("Kafka__Security__SaslPassword", names);
        Assert.Contains("Postgres__ConnectionString", names);
        Assert.Contains("Orleans__AdvertisedAddress", names);
        Assert.Contains("Orleans__SiloPort", names);
        Assert.Contains("Host__ShutdownTimeout", names);
        Assert.Superset(HelmOrleansTests.KubernetesHostingEnvironment.Keys.ToHashSet(), names);
        AssertAllRead(names.Where(n => !HelmOrleansTests.KubernetesHostingEnvironment.ContainsKey(n)), ServiceConfiguration.Silo, "src/Silo");
        Assert.False(ServiceConfiguration.Silo.IsBound("Kafka:Security:SaslPasword"), "a misspelt key must not pass");
        Assert.False(ServiceConfiguration.Silo.IsBound("Orleans:AdvertisedIPAddress"), "Orleans' own option names are not ours");
        Assert.False(ServiceConfiguration.Silo.IsBound("Host:ShutdownTimeoutSeconds"), "a key read whole must match whole");
    }

    [Fact]
    public async Task Edge_agent_env_vars_are_configuration_keys_the_agent_binds()
    {
        var names = (await RenderedEnvNamesAsync("DaemonSet", "edge-agent")).Concat(DockerfileEnvNames("src/EdgeAgent/Dockerfile")).ToHashSet();

        Assert.Contains("EdgeAgent__Cameras__0__SensorIds__1", names);
        Assert.Contains("EdgeAgent__Cameras__0__CacheSeconds", names);
        Assert.Contains("EdgeAgent__AgentId", names);
        AssertAllRead(names, ServiceConfiguration.EdgeAgent, "src/EdgeAgent");
        Assert.False(ServiceConfiguration.EdgeAgent.IsBound("EdgeAgent:Cameras:0:Url"), "a key no option has must not pass");
    }

    [Fact]
    public async Task Gateway_env_vars_are_configuration_keys_the_gateway_reads()
    {
        var names = await RenderedEnvNamesAsync("Deployment", "gateway");

        Assert.Contains("Auth__Jwt__SigningKey", names);
        Assert.Contains("Kafka__Security__SaslPassword", names);
        Assert.Contains("Orleans__ClusterId", names);
        Assert.Contains("Orleans__ServiceId", names);
        Assert.Contains("Postgres__ConnectionString", names);
        AssertAllRead(names.Where(n => n != "ASPNETCORE_HTTP_PORTS"), ServiceConfiguration.Gateway, "src/Gateway");
        Assert.False(ServiceConfiguration.Gateway.IsBound("Auth:Jwt:Secret"), "a key no option has must not pass");
    }

    /// <summary>The env var names one workload gets with every feature on: its ConfigMap's keys and its container's env.</summary>
    private static async Task<HashSet<string>> RenderedEnvNamesAsync(string kind, string component)
    {
        var rendered = await RenderedChart.OfAsync(ChartValues.AllFeatures);
        var workload = rendered.Single(kind, component);
        return rendered.EnvironmentConfigMap(workload.Container).Keys
            .Concat(workload.Container["env"].Items.Select(e => e["name"].Text))
            .ToHashSet(StringComparer.Ordinal);
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

    // Every port of every EXPOSE line ("EXPOSE 8081 11111" names two).
    private List<int> Exposed(string dockerfile) =>
        [.. ExposeLine().Matches(chart.ReadRepositoryFile(dockerfile))
            .SelectMany(m => m.Groups[1].Captures)
            .Select(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture))];

    private IEnumerable<string> DockerfileEnvNames(string dockerfile) =>
        DockerfileEnv().Matches(chart.ReadRepositoryFile(dockerfile)).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"(?m)^EXPOSE(?:[ \t]+(\d+)(?:/tcp)?)+[ \t]*$")]
    private static partial Regex ExposeLine();

    [GeneratedRegex(@"(?m)^(?:ENV\s+)?\s*([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)=")]
    private static partial Regex DockerfileEnv();
}
