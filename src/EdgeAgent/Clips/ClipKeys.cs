using System.Globalization;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Clips;

/// <summary>The S3 object layout: <c>clips/{cameraId}/{yyyy}/{MM}/{dd}/{clipId}.mp4</c> (or .mkv) and the .jpg beside it; the date is the requested start's, in UTC.</summary>
internal static class ClipKeys
{
    public static string Video(CameraId camera, ClipId clip, DateTimeOffset requestedStart, string container) =>
        Prefix(camera, requestedStart) + clip.Value + "." + container;

    public static string Thumbnail(CameraId camera, ClipId clip, DateTimeOffset requestedStart) =>
        Prefix(camera, requestedStart) + clip.Value + ".jpg";

    public static string ContentType(string container) => container switch
    {
        "mp4" => "video/mp4",
        "mkv" => "video/x-matroska",
        _ => "application/octet-stream",
    };

    private static string Prefix(CameraId camera, DateTimeOffset requestedStart) =>
        $"clips/{camera.Value}/{requestedStart.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture)}/";
}
