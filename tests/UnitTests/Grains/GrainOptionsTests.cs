using Platform.Grains.Cameras;
using Platform.Grains.Sensors;

namespace Platform.UnitTests.Grains;

public sealed class GrainOptionsTests
{
    [Fact]
    public void Default_options_are_valid()
    {
        Assert.Empty(new SensorGrainOptions().Validate());
        Assert.Empty(new CameraGrainOptions().Validate());
    }

    [Fact]
    public void Every_invalid_option_is_reported()
    {
        Assert.Equal(2, new SensorGrainOptions { ObjectTimeout = TimeSpan.Zero, CountLateness = TimeSpan.FromSeconds(-1) }.Validate().Count);
        Assert.Equal(3, new CameraGrainOptions { OfflineAfter = TimeSpan.Zero, SessionCloseGrace = TimeSpan.FromSeconds(-1), RecentSessions = -1 }.Validate().Count);
    }
}
