using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Live;

/// <summary>
/// Copies a live stream's HLS directory to the object store (live/{cameraId}/{streamId}/, see
/// <see cref="LiveObjectKeys"/>) as <see cref="LiveMirror"/> plans it. Live files bypass the clip spool on purpose:
/// a segment is worth something for seconds, so one that cannot be uploaded now is skipped, never queued.
/// </summary>
internal sealed class LivePublisher(IMinioClient minio, IOptions<S3Options> options)
{
    private readonly string bucket = options.Value.Bucket;

    /// <summary>One pass: uploads what the playlist in <paramref name="directory"/> names and lacks, then the playlist, then deletes dropped segments.</summary>
    public async Task SyncAsync(LiveMirror mirror, string directory, CameraId camera, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        string playlist;
        try
        {
            playlist = await File.ReadAllTextAsync(Path.Combine(directory, LiveObjectKeys.Playlist), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return; // ffmpeg has not finished its first segment yet
        }

        var plan = mirror.Plan(playlist);
        foreach (var segment in plan.Upload)
        {
            try
            {
                await PutAsync(Path.Combine(directory, segment), LiveObjectKeys.Key(camera, streamId, segment), "video/mp2t", cancellationToken);
            }
            catch (FileNotFoundException)
            {
                return; // ffmpeg deleted it after a newer playlist: the next pass reads that one
            }

            mirror.Uploaded(segment);
        }

        if (plan.PublishPlaylist)
        {
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(playlist));
            await minio.PutObjectAsync(new PutObjectArgs().WithBucket(bucket).WithObject(LiveObjectKeys.Key(camera, streamId, LiveObjectKeys.Playlist))
                .WithStreamData(content).WithObjectSize(content.Length).WithContentType("application/vnd.apple.mpegurl"), cancellationToken);
            mirror.PlaylistPublished(playlist);
        }

        foreach (var segment in plan.Delete)
        {
            await RemoveAsync(LiveObjectKeys.Key(camera, streamId, segment), cancellationToken);
            mirror.Deleted(segment);
        }
    }

    /// <summary>Deletes everything of the stream that was uploaded: a stopped stream leaves nothing behind.</summary>
    public async Task RemoveAllAsync(LiveMirror mirror, CameraId camera, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        await RemoveAsync(LiveObjectKeys.Key(camera, streamId, LiveObjectKeys.Playlist), cancellationToken);
        foreach (var segment in mirror.UploadedSegments.ToList())
        {
            await RemoveAsync(LiveObjectKeys.Key(camera, streamId, segment), cancellationToken);
            mirror.Deleted(segment);
        }
    }

    private async Task PutAsync(string path, string key, string contentType, CancellationToken cancellationToken)
    {
        // Read whole first: the file must exist now (ffmpeg may delete it any moment), and segments are small.
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        using var content = new MemoryStream(bytes);
        await minio.PutObjectAsync(new PutObjectArgs().WithBucket(bucket).WithObject(key)
            .WithStreamData(content).WithObjectSize(bytes.Length).WithContentType(contentType), cancellationToken);
    }

    private Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key), cancellationToken);
}
