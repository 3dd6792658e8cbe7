using System.Globalization;
using Platform.EdgeAgent.Commands;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Clips;

/// <summary>
/// Clip ids come from what asked for the clip, never from a clock or a random source: camera, session key (the
/// sender's sessionId, or the first command's id or content hash) and part. A replayed command therefore maps to
/// the same id, the same S3 key and the same edge.clips message id, and cannot make a second object.
/// </summary>
internal static class ClipIds
{
    public static ClipId For(string cameraId, string sessionKey, int part) =>
        ClipId.From("clip-" + CommandKeys.Hash($"{cameraId}\n{sessionKey}\n{part.ToString(CultureInfo.InvariantCulture)}")[..24]);
}
