using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Platform.Grains.Cameras;
using Platform.Grains.Hosting;
using Platform.Grains.Interfaces.Grains;
using Platform.ServiceDefaults.Cluster;
using Platform.Silo.Configuration;
using Platform.Silo.Storage;
using Platform.Silo.Streams;
using Platform.Storage;
using Platform.Streaming.Kafka;
using Platform.Streaming.Kafka.Checkpoints;
using Platform.Streaming.Kafka.Mapping;

namespace Platform.Silo.Hosting;

/// <summary>
/// The Orleans side of the silo: cluster membership and reminders on PostgreSQL (ADO.NET providers, schema in
/// migration 0008), grain state in the platform's own PostgreSQL storage, the Kafka stream provider on the
/// device and edge topics, membership tuned to notice a dead silo in seconds, and a per-call timeout so that no
/// caller waits long for a silo that died under it.
/// </summary>
public static class OrleansSilo
{
    public const string Invariant = "Npgsql";

    /// <summary>Section "Orleans:Membership": ClusterMembershipOptions, tuned for failover in ~2 s (LOCAL-INFRA.md).</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>Section "Streams": the Kafka stream provider's tuning (<see cref="KafkaStreamOptions"/>).</summary>
    public const string StreamsSection = "Streams";

    /// <summary>Connections Orleans' ADO.NET providers (membership, reminders) open at most, unless the connection string sets it.</summary>
    public const int ProvidersPoolSize = 8;

    public static void Configure(ISiloBuilder silo, IConfiguration configuration, OrleansClusterSettings cluster, string connectionString)
    {
        // A camera registers its reminder when a session opens: hundreds of cameras at once wait for these few.
        connectionString = ConnectionPools.Capped(connectionString, ProvidersPoolSize, "platform-silo-orleans");
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        if (cluster.AdvertisedAddress is { Length: > 0 } address)
        {
            // A loopback address (a development machine) is listened on alone; any other may be a NAT's or a pod's
            // address that is not this host's, so every interface is.
            var advertised = IPAddress.Parse(address);
            silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }
        else
        {
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(o =>
            {
                // A silo killed with -9 is declared dead after two missed probes of ~1 s, by one vote: its grains and
                // queues move in 2-3 s instead of Orleans' default ~13 s. Probe timeouts adapt within [0.5 s, 2 s].
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
                o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
                // A silo writes "I am alive" every 5 s (default 30 s): an Active entry silent for 10 s is stale, so
                // every silo, joining ones included, probes it and the votes of stale members do not count. A cluster
                // whose last active silo died while others were joining would otherwise wait 90 s for them to join.
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                o.NumMissedTableIAmAliveLimit = 2;
            })
            .Bind(configuration.GetSection(MembershipSection));
        silo.Configure<SiloMessagingOptions>(o =>
        {
            // A call to a grain whose silo died waits this long at most (Orleans' default is 30 s); a stream delivery
            // that times out is retried by the pulling agent.
            o.ResponseTimeout = configuration.GetValue("Orleans:ResponseTimeout", TimeSpan.FromSeconds(5));
        });
        silo.Configure<ReminderOptions>(o =>
        {
            var period = configuration.GetSection("Grains:Camera").Get<CameraGrainOptions>()?.LivenessReminderPeriod ?? TimeSpan.FromMinutes(1);
            o.MinimumReminderPeriod = period < o.MinimumReminderPeriod ? period : o.MinimumReminderPeriod;
        });
        silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Grains, (sp, _) => sp.GetRequiredService<PostgresGrainStorage>());
        silo.AddActivityPropagation();
        AddStreams(silo, configuration, cluster);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloReadiness>();
        if (cluster.DashboardPort > 0)
        {
            silo.AddDashboard();
        }

        if (cluster.KubernetesHosting)
        {
            silo.UseKubernetesHosting();
        }
    }

    private static void AddStreams(ISiloBuilder silo, IConfiguration configuration, OrleansClusterSettings cluster)
    {
        const string provider = StreamNamespaces.Provider;
        silo.Services.AddKeyedSingleton<IKafkaRecordMapper>(provider, (sp, _) => sp.GetRequiredService<DeepStreamRecordMapper>());
        silo.Services.AddKeyedSingleton<IKafkaCheckpointer>(provider, (sp, _) => new PostgresCheckpointer(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), $"{cluster.ServiceId}/{provider}",
            sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString()));
        silo.AddKafkaStreams(provider, options => options
            .Bind(configuration.GetSection(StreamsSection))
            .Configure<IOptions<KafkaOptions>>((stream, kafka) =>
            {
                stream.BootstrapServers = kafka.Value.BootstrapServers;
                stream.Topics = [.. kafka.Value.ReadTopics];
                stream.DeadLetterTopic = kafka.Value.DeadLetterTopic;
                foreach (var (key, value) in kafka.Value.Security.ApplyTo(new Confluent.Kafka.ClientConfig()))
                {
                    stream.ClientProperties[key] = value;
                }
            }));
    }
}
