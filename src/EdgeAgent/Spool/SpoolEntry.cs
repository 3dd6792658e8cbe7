using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Spool;

/// <summary>A clip in the spool: its directory and manifest.</summary>
internal sealed class SpoolEntry(string directory, SpoolManifest manifest, long bytes)
{
    public ClipId ClipId => Manifest.Clip.ClipId;

    public string Directory { get; } = directory;

    public SpoolManifest Manifest { get; } = manifest;

    public long Bytes { get; } = bytes;

    public string VideoPath => Path.Combine(Directory, Manifest.VideoFile);

    public string? ThumbnailPath => Manifest.ThumbnailFile is null ? null : Path.Combine(Directory, Manifest.ThumbnailFile);

    public SpoolItem Item => new(ClipId, Manifest.SpooledAt, Bytes);
}
