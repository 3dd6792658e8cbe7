using System.Globalization;
using Platform.LocalInfra;

namespace Platform.UnitTests.LocalInfra;

public sealed class RtspCameraArgumentsTests
{
    [Fact]
    public void Default_options_become_the_script_flags()
    {
        var arguments = RtspCameraServer.BuildArguments("/tmp/rtsp_camera.py", 8554, new RtspCameraOptions());

        Assert.Equal(
            ["/tmp/rtsp_camera.py", "--port", "8554", "--mount", "cam1", "--width", "1280", "--height", "720",
             "--fps", "25", "--gop-seconds", "2", "--bitrate-kbps", "2000"],
            arguments);
    }

    [Fact]
    public void Each_mount_is_its_own_flag_in_order()
    {
        var arguments = RtspCameraServer.BuildArguments("s.py", 1, new RtspCameraOptions { Mounts = ["cam2", "cam1", "gate"] });

        var mounts = arguments.Select((a, i) => (a, i)).Where(x => x.a == "--mount").Select(x => arguments[x.i + 1]);
        Assert.Equal(["cam2", "cam1", "gate"], mounts);
    }

    [Fact]
    public void Numbers_are_written_in_the_invariant_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // German writes 0,5: Python's float() would reject it.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var arguments = RtspCameraServer.BuildArguments("s.py", 12345,
                new RtspCameraOptions { GopSeconds = 0.5, BitrateKbps = 12000, FramesPerSecond = 30 });

            Assert.Equal("0.5", arguments[arguments.ToList().IndexOf("--gop-seconds") + 1]);
            Assert.Equal("12000", arguments[arguments.ToList().IndexOf("--bitrate-kbps") + 1]);
            Assert.Equal("12345", arguments[arguments.ToList().IndexOf("--port") + 1]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
