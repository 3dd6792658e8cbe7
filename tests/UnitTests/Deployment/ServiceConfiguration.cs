using Platform.Gateway.Configuration;
using Platform.Grains.Cameras;
using Platform.Grains.Sensors;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Cluster;
using Platform.ServiceDefaults.Health;
using Platform.Silo.Configuration;
using Platform.Silo.Hosting;
using Platform.Silo.Ingress;
using AgentKafka = Platform.EdgeAgent.Configuration.KafkaOptions;
using AgentOptions = Platform.EdgeAgent.Configuration.EdgeAgentOptions;
using AgentS3 = Platform.EdgeAgent.Configuration.S3Options;

namespace Platform.UnitTests.Deployment;

/// <summary>
/// The sections each service binds to an options class, named by the classes' own section constants where they
/// have one (see SiloServices.AddSilo, GatewayServices.AddGateway and EdgeAgentServiceCollectionExtensions.AddEdgeAgent),
/// and the keys shared code reads whole (Host:ShutdownTimeout, AddPlatformShutdown). The silo and the gateway (as a
/// cluster client) bind the Orleans section to <see cref="OrleansClusterSettings"/>.
/// </summary>
internal static class ServiceConfiguration
{
    public static ConfigurationKeys Silo { get; } = new(new Dictionary<string, Type>
    {
        [KafkaOptions.Section] = typeof(KafkaOptions),
        [Platform.Silo.Hosting.OrleansSilo.StreamsSection] = typeof(Platform.Streaming.Kafka.KafkaStreamOptions),
        [Platform.Silo.Hosting.OrleansSilo.MembershipSection] = typeof(Orleans.Configuration.ClusterMembershipOptions),
        [FaultInjection.Section] = typeof(FaultInjection),
        ["Ingress"] = typeof(IngressLimits),
        ["Grains:Sensor"] = typeof(SensorGrainOptions),
        ["Grains:Camera"] = typeof(CameraGrainOptions),
        [TelemetryOptions.Section] = typeof(TelemetryOptions),
        [HealthOptions.Section] = typeof(HealthOptions),
        [OrleansClusterSettings.Section] = typeof(OrleansClusterSettings),
    }, [ShutdownExtensions.Key]);

    /// <summary>See GatewayServices.AddGateway.</summary>
    public static ConfigurationKeys Gateway { get; } = new(new Dictionary<string, Type>
    {
        [GatewayKafkaOptions.Section] = typeof(GatewayKafkaOptions),
        [S3StorageOptions.Section] = typeof(S3StorageOptions),
        [AuthOptions.Section] = typeof(AuthOptions),
        [GatewayLimits.Section] = typeof(GatewayLimits),
        [TelemetryOptions.Section] = typeof(TelemetryOptions),
        [OrleansClusterSettings.Section] = typeof(OrleansClusterSettings),
    }, [ShutdownExtensions.Key]);

    public static ConfigurationKeys EdgeAgent { get; } = new(new Dictionary<string, Type>
    {
        [AgentOptions.SectionName] = typeof(AgentOptions),
        [AgentS3.SectionName] = typeof(AgentS3),
        [AgentKafka.SectionName] = typeof(AgentKafka),
        [TelemetryOptions.Section] = typeof(TelemetryOptions),
        [HealthOptions.Section] = typeof(HealthOptions),
    }, [ShutdownExtensions.Key]);
}
