using System.Text.RegularExpressions;

namespace Platform.LocalInfra;

/// <summary>
/// What the test RTSP camera serves. The defaults match a typical 720p surveillance camera stream: H.264,
/// 25 fps, a keyframe every 2 seconds (the grid a segment recorder cuts on).
/// </summary>
public sealed partial record RtspCameraOptions
{
    /// <summary>Frame width in pixels; even, because the encoder works on 4:2:0 chroma. Default 1280.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Frame height in pixels; even. Default 720.</summary>
    public int Height { get; init; } = 720;

    /// <summary>Default 25.</summary>
    public int FramesPerSecond { get; init; } = 25;

    /// <summary>
    /// Seconds between keyframes. A number of seconds rather than a <see cref="TimeSpan"/> because it must
    /// be a whole number of frames, which is checked against <see cref="FramesPerSecond"/>. Default 2.
    /// </summary>
    public double GopSeconds { get; init; } = 2;

    /// <summary>Target video bitrate. Default 2000 kbit/s.</summary>
    public int BitrateKbps { get; init; } = 2000;

    /// <summary>Mount names, each served at rtsp://127.0.0.1:PORT/NAME. Default one mount, "cam1".</summary>
    public IReadOnlyList<string> Mounts { get; init; } = ["cam1"];

    /// <summary>Frames between keyframes, as the encoder is told.</summary>
    public int GopFrames => (int)Math.Round(FramesPerSecond * GopSeconds);

    /// <summary>Every problem with these options, each naming its property; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckDimension(errors, nameof(Width), Width, 7680);
        CheckDimension(errors, nameof(Height), Height, 4320);
        if (FramesPerSecond is < 1 or > 120)
        {
            errors.Add($"{nameof(FramesPerSecond)} must be between 1 and 120, not {FramesPerSecond}.");
        }

        if (!double.IsFinite(GopSeconds) || GopSeconds <= 0 || GopSeconds > 60)
        {
            errors.Add($"{nameof(GopSeconds)} must be more than 0 and at most 60, not {GopSeconds}.");
        }
        else if (FramesPerSecond >= 1 && Math.Abs(FramesPerSecond * GopSeconds - GopFrames) > 1e-9)
        {
            // A fractional GOP would be rounded by the encoder and tests would expect the wrong interval.
            errors.Add($"{nameof(GopSeconds)} ({GopSeconds}) must be a whole number of frames at {FramesPerSecond} fps.");
        }

        if (BitrateKbps is < 50 or > 100_000)
        {
            errors.Add($"{nameof(BitrateKbps)} must be between 50 and 100000, not {BitrateKbps}.");
        }

        CheckMounts(errors);
        return errors;
    }

    private static void CheckDimension(List<string> errors, string name, int value, int max)
    {
        if (value < 16 || value > max || value % 2 != 0)
        {
            errors.Add($"{name} must be an even number between 16 and {max}, not {value}.");
        }
    }

    private void CheckMounts(List<string> errors)
    {
        if (Mounts is null || Mounts.Count == 0)
        {
            errors.Add($"{nameof(Mounts)} must name at least one mount.");
            return;
        }

        foreach (var mount in Mounts)
        {
            // The name becomes a URL path segment and a command-line value: keep it plain.
            if (mount is null || !MountName().IsMatch(mount))
            {
                errors.Add($"{nameof(Mounts)} entry '{mount}' must be 1-64 letters, digits, '-' or '_'.");
            }
        }

        foreach (var duplicate in Mounts.Where(m => m is not null).GroupBy(m => m, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{nameof(Mounts)} entry '{duplicate.Key}' appears {duplicate.Count()} times.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex MountName();
}
