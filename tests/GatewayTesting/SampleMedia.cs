using Platform.Testing;

namespace Platform.GatewayTesting;

/// <summary>A real four-second H.264 MP4 (320×240: what a browser plays) and a JPEG of its first frame, made once per test run with ffmpeg in a temporary directory.</summary>
public static class SampleMedia
{
    public const int Width = 320;
    public const int Height = 240;
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    private static readonly Lazy<Task<(byte[] Video, byte[] Thumbnail)>> Files = new(MakeAsync);

    public static async Task<byte[]> Mp4Async() => (await Files.Value).Video;

    public static async Task<byte[]> JpegAsync() => (await Files.Value).Thumbnail;

    private static async Task<(byte[], byte[])> MakeAsync()
    {
        var directory = Directory.CreateTempSubdirectory("gateway-clips-");
        try
        {
            var video = Path.Combine(directory.FullName, "out.mp4");
            var thumbnail = Path.Combine(directory.FullName, "out.jpg");
            var timeout = TimeSpan.FromSeconds(60);
            await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", $"testsrc=size={Width}x{Height}:rate=25", "-t", "4",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-y", video], timeout);
            await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", video, "-frames:v", "1", "-y", thumbnail], timeout);
            return (await File.ReadAllBytesAsync(video), await File.ReadAllBytesAsync(thumbnail));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
