using Orleans;
using Orleans.Configuration;
using Platform.ServiceDefaults.Cluster;
using Orleans.Hosting;

namespace Platform.Gateway.Messaging;

/// <summary>
/// The gateway is an Orleans cluster client: it finds the silos' gateways in the membership table in PostgreSQL
/// (same cluster and service id as the silos) and calls grains for manual recordings, configuration reloads and live
/// camera state. Listings stay SQL. It keeps trying to reach the cluster in the background, so the API and UI come up
/// without it (grain calls answer 503 until it is there: <see cref="ClusterConnection"/>).
/// </summary>
public static class ClusterClientSetup
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = builder.Configuration.GetSection(OrleansClusterSettings.Section).Get<OrleansClusterSettings>() ?? new OrleansClusterSettings();
        var connectionString = builder.Configuration["Postgres:ConnectionString"] ?? "";
        // Kestrel must not wait for the cluster: the client's connect runs beside the other hosted services.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddSingleton<ClusterConnection>();
        builder.Services.AddSingleton<ILifecycleParticipant<IClusterClientLifecycle>>(sp => sp.GetRequiredService<ClusterConnection>());
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = builder.Configuration.GetValue("Orleans:ResponseTimeout", TimeSpan.FromSeconds(5)));
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(RetryDelay, cancellationToken);
                return true;
            });
        });
        return builder;
    }
}
