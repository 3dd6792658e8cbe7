using Platform.Testing;

namespace Platform.BrowserTests;

/// <summary>A real 4-second H.264 MP4 (320×240, what a browser plays) and a JPEG thumbnail of its first frame, made with ffmpeg.</summary>
public sealed record TestClip(string VideoPath, string ThumbnailPath, TimeSpan Duration)
{
    public const int Width = 320;
    public const int Height = 240;

    public static async Task<TestClip> CreateAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var video = Path.Combine(directory, "clip.mp4");
        var thumbnail = Path.Combine(directory, "clip.jpg");
        var timeout = TimeSpan.FromSeconds(60);
        await MediaProbe.RunAsync("ffmpeg",
            ["-nostdin", "-v", "error", "-f", "lavfi", "-i", $"testsrc=size={Width}x{Height}:rate=25", "-t", "4",
             "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-y", video], timeout);
        await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", video, "-frames:v", "1", "-q:v", "4", "-y", thumbnail], timeout);
        return new(video, thumbnail, TimeSpan.FromSeconds(4));
    }
}
