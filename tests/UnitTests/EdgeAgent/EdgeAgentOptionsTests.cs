using Platform.EdgeAgent.Configuration;

namespace Platform.UnitTests.EdgeAgent;

public sealed class EdgeAgentOptionsTests
{
    private static EdgeAgentOptions Valid()
    {
        var options = new EdgeAgentOptions { AgentId = "site1-agent", CacheDirectory = "/var/edge/cache", SpoolDirectory = "/var/edge/spool" };
        options.Cameras.Add(new CameraOptions { Id = "cam1", Source = "rtsp://10.0.0.5/stream" });
        return options;
    }

    [Fact]
    public void Defaults_with_the_required_values_are_valid()
    {
        Assert.Empty(EdgeAgentOptionsValidator.Errors(Valid()));
        var camera = Valid().Cameras[0];
        Assert.Equal((30, 2, "mp4"), (camera.CacheSeconds, camera.SegmentSeconds, camera.Container));
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var options = new EdgeAgentOptions { AgentId = "bad id!", SpoolMaxClips = 0, HeartbeatInterval = TimeSpan.Zero };
        options.Cameras.Add(new CameraOptions { Id = "", Source = "", Container = "avi", SegmentSeconds = 0.1 });
        var second = new CameraOptions { Id = "cam2", Source = "rtsp://x/2", CacheSeconds = 3 };
        second.SensorIds.Add("cam2");
        options.Cameras.Add(second);

        var errors = string.Join("\n", EdgeAgentOptionsValidator.Errors(options));

        foreach (var key in new[]
        {
            "EdgeAgent:AgentId", "EdgeAgent:CacheDirectory", "EdgeAgent:SpoolDirectory", "EdgeAgent:SpoolMaxClips",
            "EdgeAgent:HeartbeatInterval", "EdgeAgent:Cameras:0:Id", "EdgeAgent:Cameras:0:Source", "EdgeAgent:Cameras:0:Container",
            "EdgeAgent:Cameras:0:SegmentSeconds", "EdgeAgent:Cameras:1:CacheSeconds",
        })
        {
            Assert.Contains(key, errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_sensor_alias_may_name_only_one_camera()
    {
        var options = Valid();
        options.Cameras[0].SensorIds.Add("shared");
        var other = new CameraOptions { Id = "cam2", Source = "rtsp://x" };
        other.SensorIds.Add("shared");
        options.Cameras.Add(other);

        Assert.Contains(EdgeAgentOptionsValidator.Errors(options), e => e.Contains("'shared'", StringComparison.Ordinal));
    }

    [Fact]
    public void S3_options_name_every_missing_value_and_never_echo_the_secret()
    {
        var errors = S3OptionsValidator.Errors(new S3Options { ServiceUrl = "ftp://x", Bucket = "Bad_Bucket", RequestTimeout = TimeSpan.Zero });

        var text = string.Join("\n", errors);
        foreach (var key in new[] { "ServiceUrl", "Bucket", "AccessKey", "SecretKey", "RequestTimeout" })
        {
            Assert.Contains("EdgeAgent:S3:" + key, text, StringComparison.Ordinal);
        }

        var withSecret = S3OptionsValidator.Errors(new S3Options { SecretKey = "hunter2" });
        Assert.DoesNotContain(withSecret, e => e.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Kafka_options_need_bootstrap_servers_and_valid_topics()
    {
        var errors = string.Join("\n", KafkaOptionsValidator.Errors(new KafkaOptions { CommandsTopic = "bad topic", AutoOffsetReset = "Middle" }));

        Assert.Contains("EdgeAgent:Kafka:BootstrapServers", errors, StringComparison.Ordinal);
        Assert.Contains("EdgeAgent:Kafka:CommandsTopic", errors, StringComparison.Ordinal);
        Assert.Contains("EdgeAgent:Kafka:AutoOffsetReset", errors, StringComparison.Ordinal);
        Assert.Empty(KafkaOptionsValidator.Errors(new KafkaOptions { BootstrapServers = "127.0.0.1:9092" }));
    }
}
