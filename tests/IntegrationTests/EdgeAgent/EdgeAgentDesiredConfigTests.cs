using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.DesiredConfig;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.EdgeAgent;

/// <summary>
/// A managed agent on the real broker and RTSP test camera: edge.config messages start, restart and stop its
/// recorders while it runs, the applied config survives a restart without a broker, local cameras win, and a
/// password sealed with another key is reported, not used.
/// </summary>
[Collection(EdgeAgentCollection.Name)]
public sealed class EdgeAgentDesiredConfigTests(KafkaFixture kafka, S3Fixture s3, EdgeCameraFixture camera, ITestOutputHelper output)
{
    private const string AgentId = "test-agent";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly string key = EdgeSecretBox.NewKey();

    private async Task<(EdgeAgentHarness Agent, string ConfigTopic)> StartAsync(IReadOnlyList<TestCamera> localCameras)
    {
        var topic = kafka.CreateTopic("edge-config", 2);
        var agent = await EdgeAgentHarness.StartAsync(kafka, s3, output, localCameras, new Dictionary<string, string?>
        {
            ["EdgeAgent:ConfigKey"] = key,
            ["EdgeAgent:Kafka:ConfigTopic"] = topic,
        });
        return (agent, topic);
    }

    private static EdgeAgentConfig Config(long version, params EdgeCameraConfig[] cameras) => new()
    {
        AgentId = AgentId,
        Version = version,
        PublishedAt = DateTimeOffset.UtcNow,
        Cameras = cameras,
    };

    private EdgeCameraConfig Camera(string id, string mount) => new()
    {
        CameraId = CameraId.From(id),
        SourceUrl = camera.Server.Url(mount).AbsoluteUri,
        SegmentSeconds = EdgeAgentHarness.SegmentSeconds,
        CacheSeconds = 20,
    };

    private static Task PublishAsync(EdgeAgentHarness agent, string topic, EdgeAgentConfig config) =>
        agent.PublishAsync(topic, config.AgentId, JsonSerializer.SerializeToUtf8Bytes(config, EdgeJsonContext.Default.EdgeAgentConfig));

    private static EdgeCameraStatus? LastReported(EdgeAgentHarness agent, string cameraId) =>
        agent.Statuses.LastOrDefault()?.Cameras.FirstOrDefault(c => c.CameraId.Value == cameraId);

    [Fact]
    public async Task A_published_camera_records_a_new_version_restarts_its_recorder_and_a_version_without_it_stops_it()
    {
        var (agent, topic) = await StartAsync([]);
        await using var _ = agent;
        // Another agent's message on the same topic, with a higher version, changes nothing here.
        await agent.PublishAsync(topic, "other-agent", JsonSerializer.SerializeToUtf8Bytes(Config(99, Camera("theirs", "cam2")) with { AgentId = "other-agent" },
            EdgeJsonContext.Default.EdgeAgentConfig));
        var clock = Stopwatch.StartNew();

        await PublishAsync(agent, topic, Config(1, Camera("yard", "cam1")));

        await Eventually.WaitAsync(() => LastReported(agent, "yard") is { Connected: true, Source: EdgeCameraStatus.CloudSource, Problem: null },
            Deadline, "the cloud camera to be reported connected");
        output.WriteLine($"config published to a connected heartbeat: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(agent.CacheDirectory, "yard"), "*.mkv"));
        Assert.Equal(1, agent.Statuses[^1].ConfigVersion);
        Assert.DoesNotContain(agent.Statuses, s => s.Cameras.Any(c => c.CameraId.Value == "theirs"));

        // Another source is a new ffmpeg command line: a new run (its own segment list) reading the new mount.
        var recorder = agent.Recorder("yard");
        clock.Restart();
        await PublishAsync(agent, topic, Config(2, Camera("yard", "cam2")));
        List<Segment> Restarted() => [.. recorder.Segments.Where(s => Path.GetFileName(s.Path).StartsWith("r000002-", StringComparison.Ordinal))];
        await Eventually.WaitAsync(() => Restarted().Count >= 1, Deadline, "a segment of the restarted run");
        output.WriteLine($"new version to the first segment of the restarted run: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Same(recorder, agent.Recorder("yard"));
        Assert.Equal(0, recorder.Restarts);
        var ffmpeg = Assert.Single(OrphanedRecorders.Find(Path.Combine(agent.CacheDirectory, "yard")));
        var commandLine = File.ReadAllText($"/proc/{ffmpeg}/cmdline").Replace('\0', ' ');
        Assert.Contains(camera.Server.Url("cam2").AbsoluteUri, commandLine, StringComparison.Ordinal);

        clock.Restart();
        await PublishAsync(agent, topic, Config(3));
        var recorders = agent.Services.GetRequiredService<CameraRecorders>();
        await Eventually.WaitAsync(() => recorders.Find(CameraId.From("yard")) is null, Deadline, "the camera to be removed");
        // Its ffmpeg got 'q' (killed after a grace period at worst), then its cache went.
        await Eventually.WaitAsync(() => OrphanedRecorders.Find(agent.CacheDirectory).Count == 0 && !Directory.Exists(Path.Combine(agent.CacheDirectory, "yard")),
            Deadline, "the camera's ffmpeg to exit and its cache to be deleted");
        output.WriteLine($"empty version to ffmpeg gone and cache deleted: {clock.Elapsed.TotalSeconds:F2} s");
        await Eventually.WaitAsync(() => agent.Statuses.LastOrDefault() is { ConfigVersion: 3 } last && last.Cameras.Count == 0,
            Deadline, "a heartbeat of version 3 without the camera");
    }

    [Fact]
    public async Task An_agent_restarted_without_a_broker_records_the_cloud_cameras_it_saved()
    {
        var (agent, topic) = await StartAsync([]);
        await using var _ = agent;
        await PublishAsync(agent, topic, Config(5, Camera("yard", "cam1")));
        await Eventually.WaitAsync(() => agent.Services.GetRequiredService<DesiredConfigState>().Version == 5, Deadline, "version 5 to apply");
        await agent.StopAgentAsync();

        // Nothing answers at this address: whatever the agent records now comes from its saved file.
        agent.Set("EdgeAgent:Kafka:BootstrapServers", "127.0.0.1:1");
        var clock = Stopwatch.StartNew();
        await agent.StartAgentAsync();

        Assert.Equal(5, agent.Services.GetRequiredService<DesiredConfigState>().Version);
        await Eventually.WaitAsync(() => agent.CameraStatus("yard").Connected, Deadline, "the saved camera to record");
        output.WriteLine($"restart without a broker to a connected recorder: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(EdgeCameraStatus.CloudSource, agent.CameraStatus("yard").Source);

        clock.Restart();
        await agent.StopAgentAsync();
        output.WriteLine($"stop with the broker down: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 15);
    }

    [Fact]
    public async Task A_locally_defined_camera_runs_its_local_source_and_a_password_sealed_with_another_key_is_reported_unreadable()
    {
        var local = camera.Server.Url("cam1").AbsoluteUri;
        var (agent, topic) = await StartAsync([new TestCamera("lobby", local, [])]);
        await using var _ = agent;

        await PublishAsync(agent, topic, Config(1,
            Camera("lobby", "cam2"),
            Camera("yard", "cam3") with { Username = "viewer", SealedPassword = EdgeSecretBox.Seal(EdgeSecretBox.NewKey(), AgentId, "yard", "hunter22") }));

        await Eventually.WaitAsync(() => agent.Statuses.LastOrDefault() is { ConfigVersion: 1 } s && s.Cameras.Count == 2 &&
            LastReported(agent, "lobby")!.Connected, Deadline, "a heartbeat of version 1 with both cameras, lobby connected");
        var status = agent.Statuses[^1];
        var lobby = status.Cameras.Single(c => c.CameraId.Value == "lobby");
        Assert.Equal((EdgeCameraStatus.LocalSource, EdgeCameraProblems.OverriddenLocally), (lobby.Source, lobby.Problem));
        Assert.Equal(local, agent.Recorder("lobby").Camera.Source);
        var yard = status.Cameras.Single(c => c.CameraId.Value == "yard");
        Assert.Equal((false, EdgeCameraStatus.CloudSource, EdgeCameraProblems.CredentialsUnreadable), (yard.Connected, yard.Source, yard.Problem));
        Assert.Contains("camera yard", status.ConfigError, StringComparison.Ordinal);
        Assert.Null(agent.Services.GetRequiredService<CameraRecorders>().Find(CameraId.From("yard")));
        Assert.False(Directory.Exists(Path.Combine(agent.CacheDirectory, "yard")));
    }
}
