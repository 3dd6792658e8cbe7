using System.Text.RegularExpressions;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// Where a live stream's HLS files lie in the object store, for the agent that writes them and the gateway that
/// serves them: live/{cameraId}/{streamId}/index.m3u8 and seg-000123.ts beside it.
/// </summary>
public static partial class LiveObjectKeys
{
    public const string Playlist = "index.m3u8";

    /// <summary>ffmpeg's name pattern for the segments (hls_segment_filename).</summary>
    public const string SegmentPattern = "seg-%06d.ts";

    public static string Prefix(CameraId cameraId, string streamId) => $"live/{cameraId.Value}/{streamId}/";

    public static string Key(CameraId cameraId, string streamId, string file) => Prefix(cameraId, streamId) + file;

    /// <summary>The playlist or a segment name as ffmpeg writes them; anything else (a path, a guess) is not a live file.</summary>
    public static bool IsLiveFile(string file) => file == Playlist || SegmentName().IsMatch(file);

    public static bool IsSegment(string file) => SegmentName().IsMatch(file);

    [GeneratedRegex("^seg-[0-9]{6,9}\\.ts$")]
    private static partial Regex SegmentName();
}
