using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.DesiredConfig;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.UnitTests.EdgeAgent;

public sealed class DesiredConfigTests
{
    private const string Agent = "site1-agent";
    private static readonly string Key = EdgeSecretBox.NewKey();

    private static EdgeAgentConfig Config(long version, params EdgeCameraConfig[] cameras) => new()
    {
        AgentId = Agent,
        Version = version,
        PublishedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Cameras = cameras,
    };

    private static EdgeCameraConfig Camera(string id, string? sealedPassword = null) => new()
    {
        CameraId = CameraId.From(id),
        SourceUrl = $"rtsp://10.0.0.5/{id}",
        Username = sealedPassword is null ? null : "viewer",
        SealedPassword = sealedPassword,
        SegmentSeconds = 1,
        CacheSeconds = 20,
        DeviceSensorId = id + "-sensor",
    };

    [Fact]
    public void Sealed_passwords_open_with_the_agents_key_and_the_fields_carry_over()
    {
        var (cameras, error) = DesiredCameras.Open(Config(1, Camera("yard", EdgeSecretBox.Seal(Key, Agent, "yard", "p@ss:word"))), Key);

        Assert.Null(error);
        var yard = Assert.Single(cameras);
        Assert.True(yard.Runs);
        Assert.Equal(("yard", "rtsp://10.0.0.5/yard", "viewer", "p@ss:word", 1.0, 20.0, EdgeCameraStatus.CloudSource),
            (yard.Options.Id, yard.Options.Source, yard.Options.Username, yard.Options.Password, yard.Options.SegmentSeconds, yard.Options.CacheSeconds, yard.Source));
        Assert.Equal(["yard-sensor"], yard.Options.SensorIds);
    }

    [Fact]
    public void A_password_sealed_for_another_camera_or_key_makes_that_camera_unreadable_and_the_others_still_apply()
    {
        var (cameras, error) = DesiredCameras.Open(Config(1,
            Camera("yard", EdgeSecretBox.Seal(Key, Agent, "door", "secret")),
            Camera("gate", EdgeSecretBox.Seal(EdgeSecretBox.NewKey(), Agent, "gate", "secret")),
            Camera("door")), Key);

        Assert.Equal(EdgeCameraProblems.CredentialsUnreadable, cameras.Single(c => c.Options.Id == "yard").Problem);
        Assert.Equal(EdgeCameraProblems.CredentialsUnreadable, cameras.Single(c => c.Options.Id == "gate").Problem);
        Assert.True(cameras.Single(c => c.Options.Id == "door").Runs);
        Assert.Contains("camera yard", error, StringComparison.Ordinal);
        Assert.Contains("camera gate", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusable_entry_is_reported_invalid_and_an_id_that_is_no_directory_name_is_never_a_camera()
    {
        var (cameras, error) = DesiredCameras.Open(Config(1, Camera("yard") with { SegmentSeconds = 0.1 }, Camera("../etc")), Key);

        Assert.Equal(EdgeCameraProblems.InvalidConfig, Assert.Single(cameras).Problem);
        Assert.Contains("SegmentSeconds", error, StringComparison.Ordinal);
        Assert.Contains("../etc", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_version_above_the_running_one_of_this_agent_is_newer()
    {
        var state = new DesiredConfigState();
        Assert.True(state.IsNewer(Config(3), Agent));
        state.Applied(3, null);

        Assert.False(state.IsNewer(Config(3), Agent));
        Assert.False(state.IsNewer(Config(2), Agent));
        Assert.True(state.IsNewer(Config(4), Agent));
        Assert.False(state.IsNewer(Config(9) with { AgentId = "other-agent" }, Agent));
    }

    [Fact]
    public void The_saved_config_reads_back_equal_with_its_password_still_sealed()
    {
        using var directory = new Platform.LocalInfra.TempDirectory("desired-config");
        var sealedPassword = EdgeSecretBox.Seal(Key, Agent, "yard", "plain-password");
        var config = Config(7, Camera("yard", sealedPassword));
        var file = DesiredConfigFile.In(directory.Path);

        Assert.Null(file.Load());
        file.Save(config);
        file.Save(config with { Version = 8 });

        var loaded = file.Load()!;
        Assert.Equal(8, loaded.Version);
        Assert.Equal(sealedPassword, Assert.Single(loaded.Cameras).SealedPassword);
        Assert.DoesNotContain("plain-password", File.ReadAllText(file.Path), StringComparison.Ordinal);
        Assert.Equal([DesiredConfigFile.FileName], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_managed_agent_may_start_without_cameras_and_a_standalone_one_may_not()
    {
        var managed = new EdgeAgentOptions { AgentId = Agent, CacheDirectory = "/c", SpoolDirectory = "/s", ConfigKey = Key };
        var standalone = new EdgeAgentOptions { AgentId = Agent, CacheDirectory = "/c", SpoolDirectory = "/s" };
        var badKey = new EdgeAgentOptions { AgentId = Agent, CacheDirectory = "/c", SpoolDirectory = "/s", ConfigKey = "c2hvcnQ=" };

        Assert.Empty(EdgeAgentOptionsValidator.Errors(managed));
        Assert.Contains(EdgeAgentOptionsValidator.Errors(standalone), e => e.Contains("ConfigKey", StringComparison.Ordinal));
        var keyError = Assert.Single(EdgeAgentOptionsValidator.Errors(badKey));
        Assert.DoesNotContain("c2hvcnQ=", keyError, StringComparison.Ordinal);
    }
}
