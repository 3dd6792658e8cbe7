using YamlDotNet.Serialization;

namespace Platform.UnitTests.Deployment;

/// <summary>
/// The objects `helm template` renders, parsed offline: what a cluster would get wrong only at run time (a Service
/// aiming at a port no container has, a probe on the wrong port, a secret in a ConfigMap, an HPA scaling nothing).
/// </summary>
public sealed class HelmRenderingTests
{
    /// <summary>Values paths that hold secrets, and the key of the chart's Secret each goes to (see values.yaml).</summary>
    private static readonly (string ValuesPath, string SecretKey)[] SecretValues =
    [
        ("postgres.connectionString", "postgres-connection-string"),
        ("s3.accessKey", "s3-access-key"),
        ("s3.secretKey", "s3-secret-key"),
        ("kafka.security.saslPassword", "kafka-sasl-password"),
        ("gateway.auth.jwtSigningKey", "jwt-signing-key"),
        ("gateway.auth.bootstrapApiKey", "bootstrap-api-key"),
        ("edgeAgent.configKey", "edge-agent-config-key"),
    ];

    public static TheoryData<ChartValues> AllValues => [.. Enum.GetValues<ChartValues>()];

    [Theory]
    [InlineData(ChartValues.Defaults,
        "ConfigMap/r-platform-gateway ConfigMap/r-platform-silo Deployment/r-platform-gateway Deployment/r-platform-silo " +
        "PodDisruptionBudget/r-platform-silo Secret/r-platform-secrets Service/r-platform-gateway")]
    [InlineData(ChartValues.AllFeatures,
        "ConfigMap/r-platform-edge-agent ConfigMap/r-platform-gateway ConfigMap/r-platform-silo DaemonSet/r-platform-edge-agent " +
        "Deployment/r-platform-gateway Deployment/r-platform-silo HorizontalPodAutoscaler/r-platform-silo Ingress/r-platform-gateway " +
        "PodDisruptionBudget/r-platform-silo Role/r-platform-silo RoleBinding/r-platform-silo Secret/r-platform-secrets " +
        "Service/r-platform-gateway Service/r-platform-silo-dashboard ServiceAccount/r-platform-silo")]
    [InlineData(ChartValues.AllFeaturesWithEdgeDeploymentAndExistingSecret,
        "ConfigMap/r-platform-edge-agent ConfigMap/r-platform-gateway ConfigMap/r-platform-silo Deployment/r-platform-edge-agent " +
        "Deployment/r-platform-gateway Deployment/r-platform-silo HorizontalPodAutoscaler/r-platform-silo Ingress/r-platform-gateway " +
        "PodDisruptionBudget/r-platform-silo Role/r-platform-silo RoleBinding/r-platform-silo Service/r-platform-gateway " +
        "Service/r-platform-silo-dashboard ServiceAccount/r-platform-silo")]
    public async Task Each_set_of_values_renders_exactly_its_objects(ChartValues values, string expected)
    {
        var chart = await RenderedChart.OfAsync(values);

        Assert.Equal(expected, string.Join(' ', chart.Objects.Select(o => o.ToString()).Order(StringComparer.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task Each_workload_selects_its_own_pods_and_no_other_workloads(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);

        foreach (var workload in chart.Workloads)
        {
            var selected = chart.WorkloadsSelectedBy(workload.Spec["selector"]["matchLabels"].Strings);
            Assert.Equal([workload], selected);
        }
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task Each_Service_port_targets_a_named_port_of_the_one_workload_it_selects(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);
        var services = chart.OfKind("Service").ToList();

        Assert.NotEmpty(services);
        foreach (var service in services)
        {
            var workload = Assert.Single(chart.WorkloadsSelectedBy(service.Spec["selector"].Strings));
            foreach (var port in service.Spec["ports"].Items)
            {
                // A named target survives a port change in values; a number would have to be kept equal by hand.
                var target = port["targetPort"].Text;
                Assert.Equal(port["name"].Text, target);
                Assert.InRange(workload.ContainerPort(target), 1, 65535);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task Every_probe_asks_the_port_the_container_listens_on(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);

        foreach (var workload in chart.Workloads)
        {
            var listening = ListeningPort(chart.EnvironmentConfigMap(workload.Container));
            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                var httpGet = workload.Container[probe]["httpGet"];
                Assert.True(httpGet.Exists, $"{workload} has no {probe} over HTTP");
                Assert.Equal(probe == "readinessProbe" ? "/readyz" : "/healthz", httpGet["path"].Text);
                Assert.Equal(listening, workload.ContainerPort(httpGet["port"].Text));
            }
        }
    }

    [Fact]
    public async Task The_gateway_listens_on_its_values_port_and_the_workers_on_their_health_ports()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.AllFeatures);
        var values = HelmChart.Load();

        Assert.Equal(values.IntValue("gateway.port"), ListeningPort(chart.EnvironmentConfigMap(chart.Single("Deployment", "gateway").Container)));
        Assert.Equal(values.IntValue("silo.healthPort"), ListeningPort(chart.EnvironmentConfigMap(chart.Single("Deployment", "silo").Container)));
        Assert.Equal(values.IntValue("edgeAgent.healthPort"),
            ListeningPort(chart.EnvironmentConfigMap(chart.Single("DaemonSet", "edge-agent").Container)));
    }

    [Fact]
    public async Task Secret_values_are_in_the_charts_Secret_only_and_containers_reference_them()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.AllFeatures);
        var secret = chart.Objects.Single(o => o.Kind == "Secret");
        var stringData = secret.Root["stringData"].Strings;

        foreach (var (path, key) in SecretValues)
        {
            var value = AllFeaturesValue(path);
            Assert.Equal(value, stringData[key]);
            Assert.True(Occurrences(chart.Text, value) == 1, $"{path} ({value}) is rendered outside the Secret too");
        }

        var referenced = AssertSecretReferences(chart, secret.Name);
        Assert.Equal(stringData.Keys.Order(StringComparer.Ordinal), referenced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_an_existing_Secret_no_secret_value_is_rendered_and_containers_reference_that_Secret()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.AllFeaturesWithEdgeDeploymentAndExistingSecret);

        Assert.DoesNotContain(chart.Objects, o => o.Kind == "Secret");
        foreach (var (path, _) in SecretValues)
        {
            Assert.DoesNotContain(AllFeaturesValue(path), chart.Text, StringComparison.Ordinal);
        }

        Assert.Equal(SecretValues.Select(s => s.SecretKey).Order(StringComparer.Ordinal),
            AssertSecretReferences(chart, ChartValuesArguments.ExistingSecret).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_HPA_scales_the_silo_Deployment_which_then_leaves_its_replica_count_to_the_HPA()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.AllFeatures);
        var hpa = chart.Single("HorizontalPodAutoscaler", "silo");
        var silo = chart.Single("Deployment", "silo");
        var target = hpa.Spec["scaleTargetRef"];

        Assert.Equal(silo.Root["apiVersion"].Text, target["apiVersion"].Text);
        Assert.Equal(silo.Kind, target["kind"].Text);
        Assert.Equal(silo.Name, target["name"].Text);
        Assert.False(silo.Spec["replicas"].Exists, "a Deployment under an HPA must not set replicas: each upgrade would reset the scale");
        var values = HelmChart.Load();
        Assert.Equal(values.IntValue("silo.autoscaling.minReplicas"), hpa.Spec["minReplicas"].Int);
        Assert.Equal(values.IntValue("silo.autoscaling.maxReplicas"), hpa.Spec["maxReplicas"].Int);
    }

    [Fact]
    public async Task Without_autoscaling_the_silo_Deployment_sets_the_values_replica_count()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.Defaults);

        Assert.Equal(HelmChart.Load().IntValue("silo.replicas"), chart.Single("Deployment", "silo").Spec["replicas"].Int);
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task The_disruption_budget_covers_the_silo_pods_only(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);
        var budget = chart.Single("PodDisruptionBudget", "silo");

        Assert.Equal([chart.Single("Deployment", "silo")], chart.WorkloadsSelectedBy(budget.Spec["selector"]["matchLabels"].Strings));
    }

    [Fact]
    public async Task The_ingress_routes_to_a_port_of_the_gateway_Service()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.AllFeatures);
        var ingress = chart.Single("Ingress", "gateway");
        var backend = Assert.Single(Assert.Single(ingress.Spec["rules"].Items)["http"]["paths"].Items)["backend"]["service"];
        var service = chart.Objects.Single(o => o.Kind == "Service" && o.Name == backend["name"].Text);

        Assert.Contains(backend["port"]["name"].Text, service.Spec["ports"].Items.Select(p => p["name"].Text));
        Assert.Equal("platform-tls", Assert.Single(ingress.Spec["tls"].Items)["secretName"].Text);
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task Every_volume_mount_and_config_map_a_container_names_is_there(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);

        foreach (var workload in chart.Workloads)
        {
            var volumes = workload.PodTemplate["spec"]["volumes"].Items.Select(v => v["name"].Text).ToList();
            Assert.All(workload.Container["volumeMounts"].Items, mount => Assert.Contains(mount["name"].Text, volumes));
            Assert.NotEmpty(chart.EnvironmentConfigMap(workload.Container));
        }
    }

    [Fact]
    public async Task A_configuration_change_rolls_the_pods_of_that_service_only()
    {
        var before = await RenderedChart.OfAsync(ChartValues.Defaults);
        var after = await RenderedChart.RenderAsync(ChartValues.Defaults, "--set", "silo.orleans.gatewayPort=30001");

        Assert.Equal("30001", after.EnvironmentConfigMap(after.Single("Deployment", "silo").Container)["Orleans__GatewayPort"]);
        Assert.NotEqual(ConfigChecksum(before, "silo"), ConfigChecksum(after, "silo"));
        Assert.Equal(ConfigChecksum(before, "gateway"), ConfigChecksum(after, "gateway"));
    }

    [Fact]
    public async Task A_new_cluster_id_rolls_the_silos_and_the_gateway_both()
    {
        var before = await RenderedChart.OfAsync(ChartValues.Defaults);
        var after = await RenderedChart.RenderAsync(ChartValues.Defaults, "--set", "orleans.clusterId=platform-2");

        // A gateway left on the old id would find no silo in the membership of the new one.
        Assert.NotEqual(ConfigChecksum(before, "silo"), ConfigChecksum(after, "silo"));
        Assert.NotEqual(ConfigChecksum(before, "gateway"), ConfigChecksum(after, "gateway"));
    }

    /// <summary>The port a service's process binds: its health URL (silo, edge agent) or its HTTP port (gateway).</summary>
    internal static int ListeningPort(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("Health__Urls", out var urls)
            ? new Uri(Assert.Single(urls.Split(';'))).Port
            : int.Parse(environment["ASPNETCORE_HTTP_PORTS"], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asserts that every env var fed from a Secret reads <paramref name="secretName"/>; returns the keys read.</summary>
    private static HashSet<string> AssertSecretReferences(RenderedChart chart, string secretName)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workload in chart.Workloads)
        {
            foreach (var env in workload.Container["env"].Items.Where(e => e["valueFrom"]["secretKeyRef"].Exists))
            {
                var reference = env["valueFrom"]["secretKeyRef"];
                Assert.Equal(secretName, reference["name"].Text);
                keys.Add(reference["key"].Text);
            }
        }

        return keys;
    }

    private static string ConfigChecksum(RenderedChart chart, string component) =>
        chart.Single("Deployment", component).PodTemplate["metadata"]["annotations"]["checksum/config"].Text;

    private static string AllFeaturesValue(string path)
    {
        var file = ChartValuesArguments.AllFeaturesFile(HelmChart.Load().Directory);
        var node = new YamlNode(new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(file)), Path.GetFileName(file));
        return path.Split('.').Aggregate(node, (n, segment) => n[segment]).Text;
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
