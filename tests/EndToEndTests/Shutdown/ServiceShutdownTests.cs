using System.Diagnostics;
using Platform.LocalInfra;
using Platform.LocalPlatform;
using Platform.Messaging;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Shutdown;

/// <summary>
/// A service asked to stop after its dependencies went away must still stop by itself within its shutdown timeout: its
/// retry loops (a commit waiting for PostgreSQL, an upload waiting for S3, a producer waiting for Kafka) observe the
/// stopping token, and what they had not done waits for the next start.
/// </summary>
public sealed class ServiceShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Camera = "cam1";

    // LocalPlatformRun sets Host:ShutdownTimeout to 5 s; the margin covers the runtime's own exit.
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(8);
    private readonly TempDirectory logs = new("shutdown-logs");
    private LocalPlatformRun platform = null!;

    public async Task InitializeAsync()
    {
        platform = await LocalPlatformRun.StartAsync(new LocalPlatformOptions
        {
            Configuration = BuiltTool.Configuration,
            Cameras = [Camera],
            LogDirectory = logs.Path,
        }, output.WriteLine, CancellationToken.None);
        await DemoSeed.SeedAsync(platform.GatewayUrl, platform.AdminKey, [Camera],
            new Dictionary<string, Uri> { [Camera] = platform.Infrastructure.Cameras!.Url(Camera) }, TimeProvider.System, CancellationToken.None);
        // The agent records what the API gave it: the scene's pre-roll must be in its cache before the scene plays.
        await DemoSeed.WaitUntilRecordingAsync(platform.GatewayUrl, platform.AdminKey, [Camera], DemoSeed.PreRollSeconds,
            TimeSpan.FromSeconds(90), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await platform.DisposeAsync();
        logs.Dispose();
    }

    [Fact]
    public async Task Silo_gateway_and_edge_agent_stop_by_themselves_within_their_shutdown_timeout_after_postgres_s3_and_kafka_are_gone()
    {
        // Work in flight: a scene whose rule records, so the silo commits and the agent cuts and uploads.
        var script = DemoSeed.Script([Camera], Camera, DateTimeOffset.UtcNow.AddSeconds(1));
        using (var sink = new KafkaDeepStreamSink(platform.KafkaBootstrap, PlatformTopics.DeepStreamEvents))
        {
            await new ScenePlayer(sink, TimeProvider.System).PlayAsync(script, DeepStreamSchema.Full, CancellationToken.None);
            Assert.True(sink.Flush(TimeSpan.FromSeconds(10)));
        }

        await TopicReader.ReadAsync(platform.KafkaBootstrap, PlatformTopics.EdgeCommands, 1, TimeSpan.FromSeconds(30));
        await platform.Infrastructure.Postgres!.StopAsync();
        await platform.Infrastructure.S3!.StopAsync();
        platform.Infrastructure.Kafka!.SetBrokerDown();
        await platform.Infrastructure.Cameras!.StopAsync();
        // The services notice: the silo's and the gateway's readiness fails on PostgreSQL.
        await Eventually.WaitAsync(async () => !await IsReadyAsync(platform.Silo) && !await IsReadyAsync(platform.Gateway),
            TimeSpan.FromSeconds(30), () => "the silo and the gateway to report PostgreSQL gone");

        var stops = new[] { platform.Silo, platform.Gateway, platform.EdgeAgent! }.Select(async service =>
        {
            var clock = Stopwatch.StartNew();
            var byItself = await service.StopAsync(StopLimit);
            return (service.Name, ByItself: byItself, clock.Elapsed, Code: service.ExitCode);
        }).ToList();

        var results = await Task.WhenAll(stops);
        foreach (var (name, byItself, elapsed, code) in results)
        {
            output.WriteLine($"{name}: {(byItself ? "stopped" : "killed")} after {elapsed.TotalSeconds:0.0} s, exit code {code}");
        }

        if (results.Any(r => !r.ByItself || r.Code != 0))
        {
            logs.Keep(); // the message below names them
        }

        foreach (var (name, byItself, _, code) in results)
        {
            Assert.True(byItself, $"the {name} was still running {StopLimit.TotalSeconds:0} s after SIGTERM; its log is in {logs.Path}");
            Assert.Equal(0, code);
        }
    }

    private static async Task<bool> IsReadyAsync(ServiceProcess service)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri(service.HealthUrl, "readyz"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
