using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.GatewayTesting;

/// <summary>
/// A real edge agent in this process for one <see cref="GatewayHost"/>: it reads that host's silo's command and config
/// topics, reports on its status topic and uploads to its bucket, recording the given cameras from a real RTSP server,
/// and, given a config key, the cameras the API defines for it.
/// </summary>
public sealed class EdgeAgentHost : IAsyncDisposable
{
    private readonly TempDirectory? ownRoot;
    private readonly IHost host;

    private EdgeAgentHost(TempDirectory? ownRoot, IHost host)
    {
        this.ownRoot = ownRoot;
        this.host = host;
    }

    /// <param name="configKey">The registered agent's key: the agent follows edge.config. Null: only <paramref name="cameras"/>.</param>
    /// <param name="directory">Where cache and spool live; a restarted agent given the same one resumes. Null: a temporary one of its own.</param>
    public static async Task<EdgeAgentHost> StartAsync(
        GatewayHost gateway, KafkaFixture kafka, S3Fixture s3, IReadOnlyList<(string Id, Uri Source)> cameras,
        string agentId = "browser-agent", string? configKey = null, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(cameras);
        var ownRoot = directory is null ? new TempDirectory("edge-agent-host") : null;
        var root = directory ?? ownRoot!.Path;
        var settings = new Dictionary<string, string?>
        {
            ["Health:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["EdgeAgent:AgentId"] = agentId,
            ["EdgeAgent:ConfigKey"] = configKey,
            ["EdgeAgent:CacheDirectory"] = Path.Combine(root, "cache"),
            ["EdgeAgent:SpoolDirectory"] = Path.Combine(root, "spool"),
            ["EdgeAgent:HeartbeatInterval"] = "00:00:01",
            ["EdgeAgent:S3:ServiceUrl"] = s3.Server.ServiceUrl.ToString(),
            ["EdgeAgent:S3:Bucket"] = gateway.Bucket,
            ["EdgeAgent:S3:AccessKey"] = s3.Server.AccessKey,
            ["EdgeAgent:S3:SecretKey"] = s3.Server.SecretKey,
            ["EdgeAgent:Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["EdgeAgent:Kafka:CommandsTopic"] = gateway.Silo.CommandsTopic,
            ["EdgeAgent:Kafka:ClipsTopic"] = gateway.Silo.ClipsTopic,
            ["EdgeAgent:Kafka:StatusTopic"] = gateway.Silo.StatusTopic,
            ["EdgeAgent:Kafka:ConfigTopic"] = gateway.Silo.ConfigTopic,
            ["EdgeAgent:Kafka:SegmentsTopic"] = gateway.Silo.SegmentsTopic,
            ["EdgeAgent:Kafka:GroupId"] = $"{agentId}-{Guid.NewGuid():N}",
        };
        for (var i = 0; i < cameras.Count; i++)
        {
            var at = $"EdgeAgent:Cameras:{i.ToString(CultureInfo.InvariantCulture)}";
            settings[$"{at}:Id"] = cameras[i].Id;
            settings[$"{at}:Source"] = cameras[i].Source.AbsoluteUri;
            settings[$"{at}:SegmentSeconds"] = "1";
            settings[$"{at}:CacheSeconds"] = "20";
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddEdgeAgent(builder.Configuration);
        var agent = new EdgeAgentHost(ownRoot, builder.Build());
        await agent.host.StartAsync();
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        ownRoot?.Dispose();
    }
}
