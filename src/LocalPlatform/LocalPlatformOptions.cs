namespace Platform.LocalPlatform;

/// <summary>What to run: which build of the services, how many silos, which test cameras, where telemetry and logs go.</summary>
public sealed record LocalPlatformOptions
{
    /// <summary>The build configuration whose service binaries run (src/X/bin/{Configuration}/net10.0).</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>Silo processes in the one Orleans cluster (1 or more); they share the Kafka partitions as stream queues.</summary>
    public int Silos { get; init; } = 1;

    /// <summary>Serve the Orleans Dashboard from the first silo, on a free port (off by default, as in production).</summary>
    public bool Dashboard { get; init; }

    /// <summary>RTSP test camera mounts; each becomes a camera of the one edge agent.</summary>
    public IReadOnlyList<string> Cameras { get; init; } = ["cam1", "cam2"];

    /// <summary>The OTLP collector every service exports to; null: no export.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>grpc or http/protobuf.</summary>
    public string OtlpProtocol { get; init; } = "http/protobuf";

    /// <summary>Where each service's output goes ({name}.log).</summary>
    public required string LogDirectory { get; init; }

    /// <summary>
    /// Extra configuration per service ("silo", "gateway", "edge-agent"), keys as in appsettings ("Grains:Sensor:…");
    /// the settings of "silo" apply to every silo.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Settings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Start the edge agent (the load harness measures without it).</summary>
    public bool EdgeAgent { get; init; } = true;
}
