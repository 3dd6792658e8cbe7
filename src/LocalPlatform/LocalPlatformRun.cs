using System.Globalization;
using Platform.LocalInfra;

namespace Platform.LocalPlatform;

/// <summary>
/// The whole platform on this machine: the local infrastructure (embedded broker, PostgreSQL, S3 server, RTSP
/// test cameras) and one or more silos (one Orleans cluster), the gateway (its client) and one edge agent as real
/// processes wired to it. Disposing stops the services first (so that they flush), then the infrastructure.
/// </summary>
public sealed class LocalPlatformRun : IAsyncDisposable
{
    public const string Bucket = "clips";
    public const string AgentId = "edge-demo";

    /// <summary>
    /// The Orleans cluster of every run. Each run has a PostgreSQL of its own, so its membership table starts empty
    /// whatever the id; silos and the gateway must only agree on it (and on the service id).
    /// </summary>
    public const string ClusterId = "local";

    /// <summary>Grain state, reminders and stream checkpoints are stored under it.</summary>
    public const string ServiceId = "platform";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // A Ctrl-C must leave nothing running within seconds: each service gets this long to stop by itself (its shutdown
    // timeout is set below it), then it is killed. Work in flight waits in Kafka and PostgreSQL, not in the process.
    private static readonly TimeSpan ServiceStopGrace = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan ServiceShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly List<ServiceProcess> services = [];
    private readonly List<LocalSilo> silos = [];
    private readonly TempDirectory edgeDisk = new("edge");

    private readonly Action<string> progress;
    private readonly TimeProvider time;
    private bool disposed;

    private LocalPlatformRun(LocalInfrastructure infrastructure, Action<string> progress, TimeProvider time)
    {
        Infrastructure = infrastructure;
        this.progress = progress;
        this.time = time;
    }

    public LocalInfrastructure Infrastructure { get; }

    /// <summary>The silos, in start order.</summary>
    public IReadOnlyList<LocalSilo> Silos => silos;

    /// <summary>The first silo's process (the only one unless more were asked for).</summary>
    public ServiceProcess Silo => silos[0].Process;

    /// <summary>The Orleans Dashboard when it was asked for; null otherwise.</summary>
    public Uri? DashboardUrl => silos.Select(s => s.DashboardUrl).FirstOrDefault(url => url is not null);

    public ServiceProcess Gateway => services.Single(s => s.Name == "gateway");

    public ServiceProcess? EdgeAgent => services.SingleOrDefault(s => s.Name == "edge-agent");

    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>The gateway's bootstrap admin key, made for this run.</summary>
    public string AdminKey { get; } = ApiKeys.NewAdminKey();

    public string KafkaBootstrap => Infrastructure.Kafka!.BootstrapServers;

    /// <summary>The platform camera id of each RTSP mount: "cam1" becomes camera "cam1".</summary>
    public IReadOnlyList<string> CameraIds { get; private set; } = [];

    public static async Task<LocalPlatformRun> StartAsync(LocalPlatformOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        // A silo stops cleanly only while PostgreSQL answers (its membership row, its checkpoints): a terminal's Ctrl-C must
        // not stop PostgreSQL before the services, so it runs apart from the terminal's process group and is stopped last.
        var infrastructure = await LocalInfrastructure.StartAsync(
            new LocalInfrastructureOptions { Cameras = options.Cameras, PostgresInOwnProcessGroup = true }, progress, cancellationToken);
        var run = new LocalPlatformRun(infrastructure, progress, TimeProvider.System) { CameraIds = options.Cameras };
        try
        {
            await run.CreateBucketAsync(cancellationToken);
            await run.StartServicesAsync(options, progress, cancellationToken);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>Where everything listens, for `.platform/demo.env` and for people.</summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var variables = new Dictionary<string, string>(Infrastructure.Describe())
        {
            ["GATEWAY_URL"] = GatewayUrl.AbsoluteUri.TrimEnd('/'),
            ["UI_URL"] = GatewayUrl.AbsoluteUri,
            ["API_KEY"] = AdminKey,
            ["SILO_HEALTH_URL"] = Silo.HealthUrl.AbsoluteUri,
            ["ORLEANS_CLUSTER_ID"] = ClusterId,
            ["ORLEANS_SERVICE_ID"] = ServiceId,
        };
        for (var i = 1; i < silos.Count; i++)
        {
            variables[$"SILO_{(i + 1).ToString(CultureInfo.InvariantCulture)}_HEALTH_URL"] = silos[i].Process.HealthUrl.AbsoluteUri;
        }

        if (DashboardUrl is { } dashboard)
        {
            variables["ORLEANS_DASHBOARD_URL"] = dashboard.AbsoluteUri;
        }

        if (EdgeAgent is { } agent)
        {
            variables["EDGE_AGENT_HEALTH_URL"] = agent.HealthUrl.AbsoluteUri;
        }

        return variables;
    }

    /// <summary>
    /// Stops the services together (each flushes what it can), then the infrastructure, saying what it stopped. A test
    /// may stop the platform to check how it stops, and dispose it again on the way out: the second time does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await Task.WhenAll(services.Select(StopAsync));
        await Infrastructure.DisposeAsync();
        edgeDisk.Dispose();
    }

    private async Task StopAsync(ServiceProcess service)
    {
        var started = time.GetTimestamp();
        var byItself = await service.StopAsync(ServiceStopGrace);
        var seconds = time.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        progress(byItself
            ? $"stopped the {service.Name} (pid {service.Pid.ToString(CultureInfo.InvariantCulture)}) in {seconds} s"
            : $"killed the {service.Name} (pid {service.Pid.ToString(CultureInfo.InvariantCulture)}): it was still running after {seconds} s");
        await service.DisposeAsync();
    }

    private async Task StartServicesAsync(LocalPlatformOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Silos, 1, nameof(options));
        var common = new Dictionary<string, string>
        {
            ["Host:ShutdownTimeout"] = ServiceShutdownTimeout.ToString(),
            // The logs of processes that stop together are read side by side: when did each step happen.
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        if (options.OtlpEndpoint is { } otlp)
        {
            common["Telemetry:OtlpEndpoint"] = otlp.AbsoluteUri;
            common["Telemetry:OtlpProtocol"] = options.OtlpProtocol;
        }

        // Silos and their client (the gateway) find each other in the membership table of this PostgreSQL, by these ids.
        var cluster = new Dictionary<string, string>(common) { ["Orleans:ClusterId"] = ClusterId, ["Orleans:ServiceId"] = ServiceId };

        var s3 = Infrastructure.S3!;
        var gatewayPort = FreePort.Next();
        var agentPort = FreePort.Next();
        GatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort.ToString(CultureInfo.InvariantCulture)}/");

        // The silos start together: each migrates the schema under an advisory lock, then joins the cluster; the
        // second to join takes over some of the first's Kafka partitions (queues) from their checkpoints.
        for (var i = 1; i <= options.Silos; i++)
        {
            var name = options.Silos == 1 ? "silo" : $"silo-{i.ToString(CultureInfo.InvariantCulture)}";
            progress($"starting the {name}");
            StartSilo(name, options, cluster, dashboard: options.Dashboard && i == 1);
        }

        // The gateway migrates the schema too and connects to the cluster in the background (its API answers before).
        progress("starting the gateway");
        var gateway = Start("gateway", "src/Gateway", gatewayPort, options, Merge(cluster, new()
        {
            ["ASPNETCORE_URLS"] = GatewayUrl.AbsoluteUri.TrimEnd('/'),
            ["Kafka:BootstrapServers"] = KafkaBootstrap,
            ["Postgres:ConnectionString"] = Infrastructure.Postgres!.ConnectionString(),
            ["S3:ServiceUrl"] = s3.ServiceUrl.AbsoluteUri,
            ["S3:Bucket"] = Bucket,
            ["S3:AccessKey"] = s3.AccessKey,
            ["S3:SecretKey"] = s3.SecretKey,
            ["Auth:BootstrapApiKey"] = AdminKey,
        }));
        // A silo is ready once it is an active member of the cluster.
        await Task.WhenAll(silos.Select(silo => silo.Process.WaitReadyAsync(StartTimeout, TimeProvider.System, cancellationToken)));
        await gateway.WaitReadyAsync(StartTimeout, TimeProvider.System, cancellationToken);

        if (options.EdgeAgent)
        {
            // Registered like any site's agent: it records the cameras the API gives it (DemoSeed adds them).
            progress($"registering the edge agent '{AgentId}' at site '{DemoSeed.SiteId}'");
            var configKey = await LocalAgentRegistration.RegisterAsync(GatewayUrl, AdminKey, DemoSeed.SiteId, AgentId, cancellationToken);
            progress("starting the edge agent");
            var agent = Start("edge-agent", "src/EdgeAgent", agentPort, options, Merge(common, AgentSettings(agentPort, configKey)));
            await agent.WaitReadyAsync(StartTimeout, TimeProvider.System, cancellationToken);
        }
    }

    private void StartSilo(string name, LocalPlatformOptions options, Dictionary<string, string> cluster, bool dashboard)
    {
        var healthPort = FreePort.Next();
        var siloPort = FreePort.Next();
        var orleansGatewayPort = FreePort.Next();
        var dashboardPort = dashboard ? FreePort.Next() : 0;
        var settings = Merge(cluster, new()
        {
            ["Kafka:BootstrapServers"] = KafkaBootstrap,
            ["Postgres:ConnectionString"] = Infrastructure.Postgres!.ConnectionString(),
            ["Health:Urls"] = $"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}",
            // Two silos on one machine: each its own ports, both reachable at the loopback address they advertise.
            ["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = orleansGatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["Orleans:DashboardPort"] = dashboardPort.ToString(CultureInfo.InvariantCulture),
        });
        var process = Start(name, "src/Silo", healthPort, options.Settings.TryGetValue("silo", out var extra) ? extra : null, settings, options);
        silos.Add(new LocalSilo(process, siloPort, orleansGatewayPort,
            dashboard ? new Uri($"http://127.0.0.1:{dashboardPort.ToString(CultureInfo.InvariantCulture)}/") : null));
    }

    private Dictionary<string, string> AgentSettings(int healthPort, string configKey)
    {
        var s3 = Infrastructure.S3!;
        return new Dictionary<string, string>
        {
            ["EdgeAgent:AgentId"] = AgentId,
            ["EdgeAgent:ConfigKey"] = configKey,
            ["EdgeAgent:Site"] = DemoSeed.SiteId,
            ["EdgeAgent:CacheDirectory"] = Path.Combine(edgeDisk.Path, "cache"),
            ["EdgeAgent:SpoolDirectory"] = Path.Combine(edgeDisk.Path, "spool"),
            ["EdgeAgent:HeartbeatInterval"] = "00:00:05",
            ["EdgeAgent:S3:ServiceUrl"] = s3.ServiceUrl.AbsoluteUri,
            ["EdgeAgent:S3:Bucket"] = Bucket,
            ["EdgeAgent:S3:AccessKey"] = s3.AccessKey,
            ["EdgeAgent:S3:SecretKey"] = s3.SecretKey,
            ["EdgeAgent:Kafka:BootstrapServers"] = KafkaBootstrap,
            ["Health:Urls"] = $"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    private ServiceProcess Start(string name, string project, int healthPort, LocalPlatformOptions options, Dictionary<string, string> settings) =>
        Start(name, project, healthPort, options.Settings.TryGetValue(name, out var extra) ? extra : null, settings, options);

    private ServiceProcess Start(string name, string project, int healthPort, IReadOnlyDictionary<string, string>? extra,
        Dictionary<string, string> settings, LocalPlatformOptions options)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var service = ServiceProcess.Start(name, project, options.Configuration, healthPort, settings, options.LogDirectory);
        services.Add(service);
        return service;
    }

    private Task CreateBucketAsync(CancellationToken cancellationToken) => Infrastructure.S3!.CreateBucketAsync(Bucket, cancellationToken);

    private static Dictionary<string, string> Merge(Dictionary<string, string> common, Dictionary<string, string> specific)
    {
        foreach (var (key, value) in common)
        {
            specific.TryAdd(key, value);
        }

        return specific;
    }
}
