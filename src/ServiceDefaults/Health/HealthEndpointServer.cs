using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// A tiny Kestrel server beside a worker service (which has no HTTP pipeline of its own) answering Kubernetes'
/// probes: /healthz (the process serves requests: live) and /readyz (every check tagged <see cref="HealthTags.Ready"/>
/// passes). It is built from an empty builder so that nothing in the environment (ASPNETCORE_HTTP_PORTS, which the
/// aspnet images set to 8080) moves it, and it runs the checks registered in the service's own container.
/// </summary>
public sealed partial class HealthEndpointServer(
    IReadOnlyList<string> urls, HealthCheckService checks, ILogger<HealthEndpointServer> logger) : IHostedService, IAsyncDisposable
{
    public const string LivePath = HealthProbeEndpoints.LivePath;
    public const string ReadyPath = HealthProbeEndpoints.ReadyPath;

    private WebApplication? app;

    /// <summary>The addresses actually bound (a port 0 in the configuration becomes the chosen port); empty before start.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls([.. urls]);
        builder.Services.AddRoutingCore();
        app = builder.Build();
        app.MapHealthProbes(checks);
        await app.StartAsync(cancellationToken);
        Addresses = [.. app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Select(a => new Uri(a))];
        LogListening(string.Join(", ", Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Health endpoints listening on {Addresses}")]
    private partial void LogListening(string addresses);
}
