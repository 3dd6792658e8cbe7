using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Platform.IntegrationTests.EdgeAgent;
using Platform.LocalInfra;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Orleans;

/// <summary>
/// A silo or client host on the ADO.NET providers of one test database, stopped at most once and always disposed
/// (await using), also when the test fails before it ever started.
/// </summary>
internal sealed class OrleansTestHost : IAsyncDisposable
{
    public const string Invariant = "Npgsql";
    public const string StorageName = "orleans-sql";
    public const string ServiceId = "platform-tests";

    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost host;
    private bool started;
    private bool stopped;

    private OrleansTestHost(IHost host, int siloPort)
    {
        this.host = host;
        SiloPort = siloPort;
    }

    /// <summary>The silo-to-silo port (the port column of the membership table); 0 for a client.</summary>
    public int SiloPort { get; }

    public IServiceProvider Services => host.Services;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static OrleansTestHost Silo(string connectionString, string clusterId, ITestOutputHelper output)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        LogTo(builder, output);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ServiceId));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
            silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
            silo.AddAdoNetGrainStorage(StorageName, o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
            // Failure detection in about a second instead of tens (values checked in LOCAL-INFRA.md), and a table
            // re-read every 2 s: the tests watch membership changes and must not wait for the defaults.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
            // The default floor is a minute; the reminder test wants ticks within seconds.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        return new OrleansTestHost(builder.Build(), siloPort);
    }

    public static OrleansTestHost Client(string connectionString, string clusterId, ITestOutputHelper output)
    {
        var builder = Host.CreateApplicationBuilder();
        LogTo(builder, output);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ServiceId));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
            // The client learns of gateways coming and going by re-running GatewaysQueryKey; every second here.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });
        return new OrleansTestHost(builder.Build(), 0);
    }

    public async Task StartAsync()
    {
        started = true;
        using var timeout = new CancellationTokenSource(StartStopTimeout);
        await host.StartAsync(timeout.Token);
    }

    /// <summary>A graceful stop: a silo leaves the cluster (its row ends Dead) and deactivates its grains.</summary>
    public async Task StopAsync()
    {
        if (!started || stopped)
        {
            return;
        }

        stopped = true;
        using var timeout = new CancellationTokenSource(StartStopTimeout);
        await host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            host.Dispose();
        }
    }

    // Warnings and errors only: Orleans logs a lot at Information, and a failing test should show what went wrong.
    private static void LogTo(HostApplicationBuilder builder, ITestOutputHelper output)
    {
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
    }
}
