using System.Globalization;
using Platform.Messaging;

namespace Platform.LocalInfra;

/// <summary>
/// The whole local infrastructure of one machine: embedded broker with the platform's topics, PostgreSQL, the
/// S3-compatible server and the RTSP test cameras, each on a free loopback port. Stopping it stops every
/// process it started, in reverse order.
/// </summary>
public sealed class LocalInfrastructure : IAsyncDisposable
{
    private readonly Action<string> progress;

    private LocalInfrastructure(Action<string> progress)
    {
        this.progress = progress;
    }

    public EmbeddedKafkaBroker? Kafka { get; private set; }

    public PostgresServer? Postgres { get; private set; }

    public S3Server? S3 { get; private set; }

    public RtspCameraServer? Cameras { get; private set; }

    public static async Task<LocalInfrastructure> StartAsync(LocalInfrastructureOptions options, Action<string> progress,
        CancellationToken cancellationToken = default)
    {
        var infrastructure = new LocalInfrastructure(progress);
        try
        {
            if (options.Kafka)
            {
                progress("starting the embedded Kafka broker");
                infrastructure.Kafka = EmbeddedKafkaBroker.Start();
                foreach (var (name, partitions) in PlatformTopics.Defaults.Concat(options.ExtraTopics.Select(t => (t.Key, t.Value))))
                {
                    infrastructure.Kafka.CreateTopic(name, partitions);
                }
            }

            if (options.Postgres)
            {
                progress("starting PostgreSQL");
                infrastructure.Postgres = await PostgresServer.StartAsync(options.PostgresInOwnProcessGroup, cancellationToken);
            }

            if (options.S3)
            {
                progress("starting the S3-compatible server");
                infrastructure.S3 = await S3Server.StartAsync(cancellationToken: cancellationToken);
            }

            if (options.Cameras.Count > 0)
            {
                progress($"starting the RTSP test cameras ({string.Join(", ", options.Cameras)})");
                infrastructure.Cameras = await RtspCameraServer.StartAsync(
                    new RtspCameraOptions { Mounts = options.Cameras }, cancellationToken);
            }

            return infrastructure;
        }
        catch
        {
            await infrastructure.DisposeAsync();
            throw;
        }
    }

    /// <summary>Where each part listens, as the variables that scripts and `.platform/*.env` files use.</summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var variables = new Dictionary<string, string>();
        if (Kafka is not null)
        {
            variables["KAFKA_BOOTSTRAP"] = Kafka.BootstrapServers;
        }

        if (Postgres is not null)
        {
            variables["POSTGRES_URL"] = Postgres.Url();
            variables["POSTGRES_CONNECTION"] = Postgres.ConnectionString();
        }

        if (S3 is not null)
        {
            variables["S3_URL"] = S3.ServiceUrl.GetLeftPart(UriPartial.Authority);
            variables["S3_ACCESS_KEY"] = S3.AccessKey;
            variables["S3_SECRET_KEY"] = S3.SecretKey;
        }

        if (Cameras is not null)
        {
            foreach (var mount in Cameras.Options.Mounts)
            {
                variables[$"RTSP_{mount.ToUpperInvariant()}"] = Cameras.Url(mount).AbsoluteUri;
            }
        }

        variables["INFRA_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return variables;
    }

    /// <summary>Stops every part at once (they do not depend on each other) and reports each as it goes.</summary>
    public async ValueTask DisposeAsync()
    {
        var stops = new List<Task>();
        if (Cameras is not null)
        {
            stops.Add(StopAsync("the RTSP test cameras", Cameras.DisposeAsync));
        }

        if (S3 is not null)
        {
            stops.Add(StopAsync("the S3-compatible server", S3.DisposeAsync));
        }

        if (Postgres is not null)
        {
            stops.Add(StopAsync("PostgreSQL", Postgres.DisposeAsync));
        }

        await Task.WhenAll(stops);
        if (Kafka is not null)
        {
            Kafka.Dispose();
            progress("stopped the embedded Kafka broker");
        }
    }

    private async Task StopAsync(string part, Func<ValueTask> dispose)
    {
        await dispose();
        progress($"stopped {part}");
    }
}
