using System.Globalization;

namespace Platform.UnitTests.Deployment;

/// <summary>
/// The Orleans cluster in the rendered objects: the silo's ports and the addresses it advertises, the ids that make
/// silos and the gateway one cluster, and a graceful stop that Kubernetes lets finish. (Env names against the
/// configuration the services bind: HelmChartTests.)
/// </summary>
public sealed class HelmOrleansTests
{
    /// <summary>What Orleans.Hosting.Kubernetes reads from the environment (KubernetesHostingOptions), with their fieldRefs.</summary>
    internal static readonly IReadOnlyDictionary<string, string> KubernetesHostingEnvironment = new Dictionary<string, string>
    {
        ["POD_NAME"] = "metadata.name",
        ["POD_NAMESPACE"] = "metadata.namespace",
        ["POD_IP"] = "status.podIP",
    };

    private static readonly string[] RbacKinds = ["ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"];

    public static TheoryData<ChartValues> AllValues => HelmRenderingTests.AllValues;

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task The_silo_declares_the_Orleans_ports_its_ConfigMap_tells_it_to_listen_on(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);
        var silo = chart.Single("Deployment", "silo");
        var config = chart.EnvironmentConfigMap(silo.Container);
        var chartValues = HelmChart.Load();

        Assert.Equal(chartValues.IntValue("silo.orleans.siloPort"), silo.ContainerPort("silo"));
        Assert.Equal(silo.ContainerPort("silo"), Number(config["Orleans__SiloPort"]));
        Assert.Equal(chartValues.IntValue("silo.orleans.gatewayPort"), silo.ContainerPort("gateway"));
        Assert.Equal(silo.ContainerPort("gateway"), Number(config["Orleans__GatewayPort"]));
    }

    [Fact]
    public async Task Silo_ports_set_in_values_reach_both_the_container_and_its_configuration()
    {
        var chart = await RenderedChart.RenderAsync(ChartValues.Defaults, "--set", "silo.orleans.siloPort=11200,silo.orleans.gatewayPort=30100");
        var silo = chart.Single("Deployment", "silo");
        var config = chart.EnvironmentConfigMap(silo.Container);

        Assert.Equal(11200, silo.ContainerPort("silo"));
        Assert.Equal("11200", config["Orleans__SiloPort"]);
        Assert.Equal(30100, silo.ContainerPort("gateway"));
        Assert.Equal("30100", config["Orleans__GatewayPort"]);
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task Each_silo_container_port_has_a_name_and_a_number_of_its_own(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);
        var ports = chart.Single("Deployment", "silo").Container["ports"].Items.ToList();

        Assert.Equal(ports.Count, ports.Select(p => p["name"].Text).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ports.Count, ports.Select(p => p["containerPort"].Int).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task Each_silo_advertises_its_own_pod_IP(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);
        var silo = chart.Single("Deployment", "silo");
        var advertised = Assert.Single(silo.Container["env"].Items, e => e["name"].Text == "Orleans__AdvertisedAddress");

        Assert.False(advertised["value"].Exists, "a fixed address would be the same for every replica");
        Assert.Equal("status.podIP", advertised["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.False(chart.EnvironmentConfigMap(silo.Container).ContainsKey("Orleans__AdvertisedAddress"));
    }

    [Fact]
    public async Task Silo_and_gateway_configuration_name_the_same_cluster_from_the_values()
    {
        var chart = await RenderedChart.RenderAsync(ChartValues.Defaults, "--set", "orleans.clusterId=blue,orleans.serviceId=video");

        foreach (var component in new[] { "silo", "gateway" })
        {
            var config = chart.EnvironmentConfigMap(chart.Single("Deployment", component).Container);
            Assert.Equal("blue", config["Orleans__ClusterId"]);
            Assert.Equal("video", config["Orleans__ServiceId"]);
        }
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task The_gateway_gets_the_cluster_ids_and_the_membership_database_but_no_silo_settings(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);
        var gateway = chart.Single("Deployment", "gateway");
        var orleansKeys = chart.EnvironmentConfigMap(gateway.Container).Keys
            .Concat(gateway.Container["env"].Items.Select(e => e["name"].Text))
            .Where(k => k.StartsWith("Orleans__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var postgres = Assert.Single(gateway.Container["env"].Items, e => e["name"].Text == "Postgres__ConnectionString");

        // Ports, advertised address, Kubernetes hosting and dashboard are a silo's; a client finds the gateways in the
        // membership table, in the PostgreSQL database the connection string names.
        Assert.Equal(["Orleans__ClusterId", "Orleans__ServiceId"], orleansKeys);
        Assert.Equal("postgres-connection-string", postgres["valueFrom"]["secretKeyRef"]["key"].Text);
        Assert.Equal("false", postgres["valueFrom"]["secretKeyRef"]["optional"].Text);
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public async Task The_silo_pod_outlives_the_graceful_stop_it_is_given(ChartValues values)
    {
        var chart = await RenderedChart.OfAsync(values);
        var silo = chart.Single("Deployment", "silo");
        var shutdown = TimeSpan.Parse(chart.EnvironmentConfigMap(silo.Container)["Host__ShutdownTimeout"], CultureInfo.InvariantCulture);
        var grace = silo.PodTemplate["spec"]["terminationGracePeriodSeconds"].Int;

        Assert.Equal(TimeSpan.FromSeconds(HelmChart.Load().IntValue("silo.shutdownTimeoutSeconds")), shutdown);
        Assert.True(grace >= shutdown.TotalSeconds + 10, $"a grace period of {grace} s leaves no margin over a {shutdown} graceful stop");
    }

    [Fact]
    public async Task A_longer_shutdown_timeout_lengthens_the_grace_period_with_it()
    {
        var chart = await RenderedChart.RenderAsync(ChartValues.Defaults, "--set", "silo.shutdownTimeoutSeconds=3599");
        var silo = chart.Single("Deployment", "silo");

        Assert.Equal("00:59:59", chart.EnvironmentConfigMap(silo.Container)["Host__ShutdownTimeout"]);
        Assert.Equal(3614, silo.PodTemplate["spec"]["terminationGracePeriodSeconds"].Int);
    }

    [Fact]
    public async Task Without_Kubernetes_hosting_the_silo_has_no_RBAC_no_service_account_and_no_pod_environment()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.Defaults);
        var silo = chart.Single("Deployment", "silo");
        var env = silo.Container["env"].Items.Select(e => e["name"].Text).ToList();

        Assert.Empty(chart.OfKind(RbacKinds));
        Assert.False(silo.PodTemplate["spec"]["serviceAccountName"].Exists);
        Assert.DoesNotContain(env, KubernetesHostingEnvironment.Keys.Contains);
        Assert.False(chart.EnvironmentConfigMap(silo.Container).ContainsKey("Orleans__KubernetesHosting"));
        Assert.DoesNotContain(silo.PodLabels.Keys, k => k.StartsWith("orleans/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_Kubernetes_hosting_the_silo_runs_as_a_service_account_bound_to_a_pods_role_in_its_namespace()
    {
        var chart = await RenderedChart.RenderAsync(ChartValues.Defaults, "--namespace", "video", "--set", "silo.orleans.kubernetesHosting=true");
        var silo = chart.Single("Deployment", "silo");
        var account = chart.Single("ServiceAccount", "silo");
        var role = chart.Single("Role", "silo");
        var binding = chart.Single("RoleBinding", "silo");
        var subject = Assert.Single(binding.Root["subjects"].Items);
        var rule = Assert.Single(role.Root["rules"].Items);

        Assert.Equal(account.Name, silo.PodTemplate["spec"]["serviceAccountName"].Text);
        Assert.Equal(("ServiceAccount", account.Name, "video"), (subject["kind"].Text, subject["name"].Text, subject["namespace"].Text));
        Assert.Equal(("rbac.authorization.k8s.io", "Role", role.Name),
            (binding.Root["roleRef"]["apiGroup"].Text, binding.Root["roleRef"]["kind"].Text, binding.Root["roleRef"]["name"].Text));
        // Pods of the core group and nothing else; no ClusterRole: the silo never sees beyond its namespace.
        Assert.Equal([""], rule["apiGroups"].Items.Select(g => g.Value as string ?? ""));
        Assert.Equal(["pods"], rule["resources"].Items.Select(r => r.Text));
        Assert.Equal(["delete", "get", "list", "patch", "watch"], rule["verbs"].Items.Select(v => v.Text).Order(StringComparer.Ordinal));
        Assert.Empty(chart.OfKind("ClusterRole", "ClusterRoleBinding"));
    }

    [Fact]
    public async Task With_Kubernetes_hosting_the_silo_is_told_so_and_gets_its_pod_name_namespace_and_IP()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.AllFeatures);
        var silo = chart.Single("Deployment", "silo");
        var config = chart.EnvironmentConfigMap(silo.Container);
        var fieldRefs = silo.Container["env"].Items
            .Where(e => KubernetesHostingEnvironment.ContainsKey(e["name"].Text))
            .ToDictionary(e => e["name"].Text, e => e["valueFrom"]["fieldRef"]["fieldPath"].Text);

        Assert.Equal("true", config["Orleans__KubernetesHosting"]);
        Assert.Equal(KubernetesHostingEnvironment.OrderBy(e => e.Key, StringComparer.Ordinal), fieldRefs.OrderBy(e => e.Key, StringComparer.Ordinal));
        // The labels Orleans selects its cluster's pods by, already on the pod: it need not patch them in.
        Assert.Equal(config["Orleans__ClusterId"], silo.PodLabels["orleans/clusterId"]);
        Assert.Equal(config["Orleans__ServiceId"], silo.PodLabels["orleans/serviceId"]);
    }

    [Fact]
    public async Task By_default_the_dashboard_port_is_neither_configured_nor_a_container_port_nor_a_Service()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.Defaults);
        var silo = chart.Single("Deployment", "silo");
        var port = HelmChart.Load().IntValue("silo.dashboard.port");

        Assert.False(chart.EnvironmentConfigMap(silo.Container).ContainsKey("Orleans__DashboardPort"));
        Assert.DoesNotContain(silo.Container["ports"].Items, p => p["name"].Text == "dashboard" || p["containerPort"].Int == port);
        Assert.DoesNotContain(chart.OfKind("Service").SelectMany(s => s.Spec["ports"].Items),
            p => p["targetPort"].Text == "dashboard" || p["port"].Int == port);
    }

    [Fact]
    public async Task An_enabled_dashboard_is_configured_a_container_port_and_a_ClusterIP_Service_on_the_same_port()
    {
        var chart = await RenderedChart.OfAsync(ChartValues.AllFeatures);
        var silo = chart.Single("Deployment", "silo");
        var service = chart.Single("Service", "silo-dashboard");
        var servicePort = Assert.Single(service.Spec["ports"].Items);
        var port = HelmChart.Load().IntValue("silo.dashboard.port");

        Assert.Equal(port.ToString(CultureInfo.InvariantCulture), chart.EnvironmentConfigMap(silo.Container)["Orleans__DashboardPort"]);
        Assert.Equal(port, silo.ContainerPort("dashboard"));
        // It has no authentication: reachable inside the cluster (port-forward), never from outside.
        Assert.Equal("ClusterIP", service.Spec["type"].Text);
        Assert.Equal((port, "dashboard"), (servicePort["port"].Int, servicePort["targetPort"].Text));
        Assert.Equal([silo], chart.WorkloadsSelectedBy(service.Spec["selector"].Strings));
        Assert.DoesNotContain(chart.OfKind("Ingress").SelectMany(i => i.Spec["rules"].Items).SelectMany(r => r["http"]["paths"].Items),
            p => p["backend"]["service"]["name"].Text == service.Name);
    }

    [Fact]
    public async Task A_dashboard_port_set_in_values_reaches_configuration_container_and_Service_and_the_Service_can_be_left_out()
    {
        var chart = await RenderedChart.RenderAsync(ChartValues.Defaults, "--set", "silo.dashboard.enabled=true,silo.dashboard.port=9000");
        var withoutService = await RenderedChart.RenderAsync(ChartValues.Defaults, "--set", "silo.dashboard.enabled=true,silo.dashboard.service.enabled=false");
        var silo = chart.Single("Deployment", "silo");

        Assert.Equal("9000", chart.EnvironmentConfigMap(silo.Container)["Orleans__DashboardPort"]);
        Assert.Equal(9000, silo.ContainerPort("dashboard"));
        Assert.Equal(9000, Assert.Single(chart.Single("Service", "silo-dashboard").Spec["ports"].Items)["port"].Int);
        Assert.Equal(HelmChart.Load().IntValue("silo.dashboard.port"), withoutService.Single("Deployment", "silo").ContainerPort("dashboard"));
        Assert.DoesNotContain(withoutService.OfKind("Service"), s => s.Name.EndsWith("-silo-dashboard", StringComparison.Ordinal));
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
