using Platform.LocalInfra;

namespace Platform.UnitTests.LocalInfra;

public sealed class RtspCameraOptionsTests
{
    [Fact]
    public void Defaults_are_valid_720p25_with_a_two_second_gop_on_cam1()
    {
        var options = new RtspCameraOptions();

        Assert.Empty(options.Validate());
        Assert.Equal((1280, 720, 25, 2.0), (options.Width, options.Height, options.FramesPerSecond, options.GopSeconds));
        Assert.Equal(50, options.GopFrames);
        Assert.Equal(["cam1"], options.Mounts);
    }

    [Fact]
    public void Validation_reports_every_bad_value_at_once()
    {
        var options = new RtspCameraOptions
        {
            Width = 0,
            Height = 721,
            FramesPerSecond = 0,
            GopSeconds = -1,
            BitrateKbps = 0,
            Mounts = [],
        };

        var errors = options.Validate();

        Assert.Equal(6, errors.Count);
        foreach (var name in new[] { "Width", "Height", "FramesPerSecond", "GopSeconds", "BitrateKbps", "Mounts" })
        {
            Assert.Single(errors, e => e.StartsWith(name + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Gop_must_be_a_whole_number_of_frames()
    {
        Assert.Contains(new RtspCameraOptions { FramesPerSecond = 25, GopSeconds = 0.03 }.Validate(),
            e => e.StartsWith("GopSeconds", StringComparison.Ordinal));
        Assert.Empty(new RtspCameraOptions { FramesPerSecond = 25, GopSeconds = 0.2 }.Validate());
        Assert.Empty(new RtspCameraOptions { FramesPerSecond = 15, GopSeconds = 1 }.Validate());
    }

    [Fact]
    public void Mount_names_must_be_plain_and_distinct()
    {
        var errors = new RtspCameraOptions { Mounts = ["cam1", "a/b", "", "cam1", "cam 2"] }.Validate();

        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Mounts", e, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'a/b'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("''", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'cam 2'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'cam1' appears 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starting_with_invalid_options_fails_before_any_process_starts()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => RtspCameraServer.StartAsync(new RtspCameraOptions { Width = 3, BitrateKbps = 1 }));

        Assert.Contains("Width", error.Message, StringComparison.Ordinal);
        Assert.Contains("BitrateKbps", error.Message, StringComparison.Ordinal);
    }
}
