using System.Runtime.InteropServices;
using System.Text;
using Platform.Messaging;

namespace Platform.LocalInfra;

/// <summary>
/// A development Kafka broker: librdkafka's mock cluster (from the librdkafka.redist the clients use), which speaks
/// the real wire protocol (produce, fetch, metadata, consumer groups with rebalancing, committed offsets) on a
/// loopback port that any client in any process can use. It lives in this process's memory and keeps only about
/// 5 MiB per partition (older records fall off the log start; there is no setting for it); it has no CreateTopics and
/// no working transactions. A dev and test broker, never a production one.
/// </summary>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    /// <summary>How long the KIP-848 ("consumer" protocol) group coordinator tells members to wait between heartbeats.</summary>
    public static readonly TimeSpan ConsumerGroupHeartbeat = TimeSpan.FromMilliseconds(500);

    private readonly IntPtr handle;
    private readonly IntPtr cluster;
    private readonly Lock gate = new();
    private bool disposed;

    private EmbeddedKafkaBroker(IntPtr handle, IntPtr cluster, string bootstrapServers)
    {
        this.handle = handle;
        this.cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The "host:port" list that clients put in bootstrap.servers.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokerCount"/> brokers on free loopback ports.</summary>
    public static EmbeddedKafkaBroker Start(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);

        var conf = Native.rd_kafka_conf_new();
        var error = new StringBuilder(512);
        // The mock cluster needs a client handle to hang off; this one never connects anywhere, so it is told
        // not to complain about its missing bootstrap.servers.
        _ = Native.rd_kafka_conf_set(conf, "log_level", "3", error, (UIntPtr)error.Capacity);
        var handle = Native.rd_kafka_new(0, conf, error, (UIntPtr)error.Capacity);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"librdkafka could not create the mock cluster's client: {error}");
        }

        var cluster = Native.rd_kafka_mock_cluster_new(handle, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            Native.rd_kafka_destroy(handle);
            throw new InvalidOperationException("librdkafka could not create a mock cluster.");
        }

        // A real broker waits group.initial.rebalance.delay.ms (3 s) for more members before a new group's first
        // assignment; a development broker should not: a group's first message then arrives in ~0.1 s, not ~3 s.
        Native.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
        Native.rd_kafka_mock_set_group_consumer_heartbeat_interval_ms(cluster, (int)ConsumerGroupHeartbeat.TotalMilliseconds);
        var bootstrap = Marshal.PtrToStringUTF8(Native.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        return new EmbeddedKafkaBroker(handle, cluster, bootstrap);
    }

    /// <summary>
    /// Creates a topic. Needed because the Admin API's CreateTopics does not work against the mock cluster
    /// (it waits for a controller forever); production topics come from the deployment instead.
    /// </summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var code = Native.rd_kafka_mock_topic_create(cluster, name, partitions, 1);
            if (code != 0)
            {
                var reason = Marshal.PtrToStringUTF8(Native.rd_kafka_err2str(code));
                throw new InvalidOperationException($"Creating topic '{name}' with {partitions} partitions failed: {reason}");
            }
        }
    }

    /// <summary>
    /// Takes broker <paramref name="brokerId"/> (1-based) down: its connections close and new ones are refused until
    /// <see cref="SetBrokerUp"/>. For outage tests: the cluster's data is kept.
    /// </summary>
    public void SetBrokerDown(int brokerId = 1) => SetBroker(brokerId, up: false);

    public void SetBrokerUp(int brokerId = 1) => SetBroker(brokerId, up: true);

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Native.rd_kafka_mock_cluster_destroy(cluster);
            Native.rd_kafka_destroy(handle);
        }
    }

    private void SetBroker(int brokerId, bool up)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var code = up ? Native.rd_kafka_mock_broker_set_up(cluster, brokerId) : Native.rd_kafka_mock_broker_set_down(cluster, brokerId);
            if (code != 0)
            {
                throw new InvalidOperationException($"Setting broker {brokerId} {(up ? "up" : "down")} failed: {Marshal.PtrToStringUTF8(Native.rd_kafka_err2str(code))}");
            }
        }
    }

    private static class Native
    {
        private const string Lib = KafkaNativeLibrary.Name;

        static Native() => NativeLibrary.SetDllImportResolver(typeof(Native).Assembly, KafkaNativeLibrary.Resolve);

        [DllImport(Lib)]
        public static extern int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

        [DllImport(Lib)]
        public static extern int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

        [DllImport(Lib)]
        public static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);

        [DllImport(Lib)]
        public static extern void rd_kafka_mock_set_group_consumer_heartbeat_interval_ms(IntPtr mcluster, int intervalMs);

        [DllImport(Lib)]
        public static extern IntPtr rd_kafka_conf_new();

        [DllImport(Lib, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int rd_kafka_conf_set(IntPtr conf, string name, string value, StringBuilder errstr, UIntPtr errstrSize);

        [DllImport(Lib, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern IntPtr rd_kafka_new(int type, IntPtr conf, StringBuilder errstr, UIntPtr errstrSize);

        [DllImport(Lib)]
        public static extern void rd_kafka_destroy(IntPtr rk);

        [DllImport(Lib)]
        public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

        [DllImport(Lib)]
        public static extern void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

        [DllImport(Lib)]
        public static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

        [DllImport(Lib, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

        [DllImport(Lib)]
        public static extern IntPtr rd_kafka_err2str(int code);
    }
}
