using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Live;

/// <summary>
/// What a live stream's copy in the object store lacks, given the playlist ffmpeg wrote last: the segments it names
/// that are not uploaded yet (oldest first), then the playlist itself, so that a player never reads a playlist naming
/// a segment it cannot fetch; and the uploaded segments the playlist dropped, to delete after the playlist is up.
/// Pure: the publisher does the I/O and reports back with <see cref="Uploaded"/> and <see cref="Deleted"/>.
/// </summary>
internal sealed class LiveMirror
{
    private readonly HashSet<string> uploaded = new(StringComparer.Ordinal);
    private string? publishedPlaylist;

    /// <summary>Segments in the object store now.</summary>
    public IReadOnlyCollection<string> UploadedSegments => uploaded;

    /// <summary>Whether any playlist was published.</summary>
    public bool Published => publishedPlaylist is not null;

    public LiveMirrorPlan Plan(string playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var named = SegmentsOf(playlist);
        return new LiveMirrorPlan(
            Upload: named.Where(s => !uploaded.Contains(s)).ToList(),
            PublishPlaylist: !string.Equals(playlist, publishedPlaylist, StringComparison.Ordinal),
            Delete: uploaded.Where(s => !named.Contains(s)).Order(StringComparer.Ordinal).ToList());
    }

    public void Uploaded(string segment) => uploaded.Add(segment);

    public void PlaylistPublished(string playlist) => publishedPlaylist = playlist;

    public void Deleted(string segment) => uploaded.Remove(segment);

    /// <summary>The segment names of a media playlist: its lines that are not tags, comments or blank, and look like ours.</summary>
    public static IReadOnlyList<string> SegmentsOf(string playlist) =>
        playlist.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#') && LiveObjectKeys.IsSegment(line))
            .ToList();
}

/// <param name="Upload">Segments to upload, in playlist order.</param>
/// <param name="PublishPlaylist">The playlist changed since it was last published.</param>
/// <param name="Delete">Uploaded segments no longer in the playlist.</param>
internal sealed record LiveMirrorPlan(IReadOnlyList<string> Upload, bool PublishPlaylist, IReadOnlyList<string> Delete);
