using Platform.Grains.Edge;
using Platform.Grains.Interfaces.Edge;

namespace Platform.UnitTests.Grains.Edge;

public sealed class EdgeConfigBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Passwords_are_sealed_for_the_agent_and_unset_settings_take_the_agents_defaults()
    {
        var key = EdgeSecretBox.NewKey();
        var agent = new DesiredAgent("edge-1", key, 7,
        [
            new DesiredCamera("door", "rtsp://cam/door", "viewer", "hunter2", "door-ds", "mkv", 120, 64L << 20, 4, Continuous: true),
            new DesiredCamera("gate", "rtsp://cam/gate", null, null, null, null, null, null, null, Continuous: false),
        ]);

        var config = EdgeConfigBuilder.Build(agent, Now);

        Assert.Equal(("edge-1", 7L, Now), (config.AgentId, config.Version, config.PublishedAt));
        var door = config.Cameras[0];
        Assert.Equal(("viewer", "door-ds", "mkv", 120.0, 64L << 20, 4.0, true),
            (door.Username, door.DeviceSensorId, door.Container, door.CacheSeconds, door.MaxCacheBytes, door.SegmentSeconds, door.Continuous));
        Assert.Equal("hunter2", EdgeSecretBox.Open(key, "edge-1", "door", door.SealedPassword!));
        var gate = config.Cameras[1];
        Assert.Equal((null, "mp4", 30.0, 1L << 30, 2.0, false), (gate.SealedPassword, gate.Container, gate.CacheSeconds, gate.MaxCacheBytes, gate.SegmentSeconds, gate.Continuous));
    }

    [Theory]
    [InlineData(5, null, null, 0, true)]     // never reported a version, never sent: send
    [InlineData(5, 4L, null, 0, true)]       // older version: send
    [InlineData(5, 5L, null, 0, false)]      // current: nothing to do
    [InlineData(5, 6L, null, 0, false)]      // newer (a version from a later change on its way): nothing to do
    [InlineData(5, 4L, 0, 5, false)]         // sent 5 s ago: give it time to arrive
    [InlineData(5, 4L, 0, 20, true)]         // sent 20 s ago and still old: send again
    public void A_heartbeat_sends_the_configuration_again_only_when_the_agent_is_behind_and_the_last_send_had_time(
        long desired, long? reported, int? sentAtSecond, int nowSecond, bool due)
    {
        DateTimeOffset? sentAt = sentAtSecond is { } s ? Now.AddSeconds(s) : null;
        Assert.Equal(due, ConfigResend.IsDue(desired, reported, sentAt, Now.AddSeconds(nowSecond)));
    }
}
