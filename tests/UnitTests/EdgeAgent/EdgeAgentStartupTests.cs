using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent;

namespace Platform.UnitTests.EdgeAgent;

public sealed class EdgeAgentStartupTests
{
    [Fact]
    public async Task The_host_refuses_to_start_and_names_every_configuration_error_of_every_section()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EdgeAgent:AgentId"] = "",
            ["EdgeAgent:Cameras:0:Id"] = "cam1",
            ["EdgeAgent:Cameras:0:Source"] = "rtsp://10.0.0.1/s",
            ["EdgeAgent:Cameras:0:Container"] = "avi",
            ["EdgeAgent:S3:ServiceUrl"] = "not a url",
            ["EdgeAgent:S3:SecretKey"] = "do-not-print-me",
            ["EdgeAgent:Kafka:ClipsTopic"] = "bad topic!",
        });
        builder.Services.AddEdgeAgent(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var text = error is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(e => e.Message))
            : error.Message;
        Assert.True(error is OptionsValidationException or AggregateException, error.ToString());
        foreach (var key in new[]
        {
            "EdgeAgent:AgentId", "EdgeAgent:CacheDirectory", "EdgeAgent:SpoolDirectory", "EdgeAgent:Cameras:0:Container",
            "EdgeAgent:S3:ServiceUrl", "EdgeAgent:S3:Bucket", "EdgeAgent:S3:AccessKey",
            "EdgeAgent:Kafka:BootstrapServers", "EdgeAgent:Kafka:ClipsTopic",
        })
        {
            Assert.True(text.Contains(key, StringComparison.Ordinal), error.ToString());
        }

        Assert.DoesNotContain("do-not-print-me", text, StringComparison.Ordinal);
    }
}
