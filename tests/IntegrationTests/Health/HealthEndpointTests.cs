using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Health;

namespace Platform.IntegrationTests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_answers_at_once_and_ready_only_once_every_readiness_signal_is_raised()
    {
        using var host = Build("http://127.0.0.1:0");
        await host.StartAsync();
        var server = host.Services.GetRequiredService<HealthEndpointServer>();
        using var http = new HttpClient { BaseAddress = server.Addresses[0] };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(HealthEndpointServer.LivePath)).StatusCode);
        var notReady = await http.GetAsync(HealthEndpointServer.ReadyPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("not started: consumer", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        host.Services.GetRequiredService<ReadinessSignals>().Raise("consumer");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(HealthEndpointServer.ReadyPath)).StatusCode);

        host.Services.GetRequiredService<ReadinessSignals>().Lower("consumer");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(HealthEndpointServer.ReadyPath)).StatusCode);
        await host.StopAsync();
    }

    [Fact]
    public async Task Empty_urls_turn_the_endpoint_off_but_keep_the_checks()
    {
        using var host = Build("");
        await host.StartAsync();

        Assert.Null(host.Services.GetService<HealthEndpointServer>());
        Assert.NotNull(host.Services.GetService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>());
        await host.StopAsync();
    }

    [Fact]
    public void Unset_urls_fall_back_to_the_service_default()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformHealth(new ConfigurationBuilder().Build(), "http://127.0.0.1:0;http://[::1]:0");

        Assert.NotNull(services.BuildServiceProvider().GetService<HealthEndpointServer>());
        Assert.Equal(["http://127.0.0.1:0", "http://[::1]:0"], HealthExtensions.ParseUrls("http://127.0.0.1:0; http://[::1]:0;"));
    }

    private static IHost Build(string urls)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Health:Urls"] = urls });
        builder.Services.AddPlatformHealth(builder.Configuration, "http://127.0.0.1:1").AddReadinessSignals("kafka", "consumer");
        return builder.Build();
    }
}
