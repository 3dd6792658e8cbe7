using System.Globalization;
using FFMpegCore;
using Microsoft.Extensions.Options;
using Platform.Gateway.Api.Clips;

namespace Platform.Gateway.Api.Continuous;

/// <summary>
/// Joins a camera's segments into one MP4: downloads them from the clip bucket, then ffmpeg's concat demuxer with
/// stream copy (no re-encode: whole segments start on keyframes, so the join is clean) and faststart (the index up
/// front, so a browser plays before it has the whole file).
/// </summary>
public sealed class ContinuousExporter(IClipObjects objects, IOptions<ContinuousOptions> options)
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromMinutes(5);

    public async Task BuildAsync(IReadOnlyList<CatalogSegment> segments, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var work = Directory.CreateDirectory(outputPath + ".parts").FullName;
        try
        {
            var files = new List<string>(segments.Count);
            foreach (var (segment, index) in segments.Select((s, i) => (s, i)))
            {
                var info = await objects.InfoAsync(segment.ObjectKey, cancellationToken)
                    ?? throw new FileNotFoundException($"Segment object {segment.ObjectKey} is missing from the bucket.");
                var file = Path.Combine(work, index.ToString("D6", CultureInfo.InvariantCulture) + ".mkv");
                await using (var stream = File.Create(file))
                {
                    if (info.Length > 0)
                    {
                        await objects.CopyRangeAsync(segment.ObjectKey, 0, info.Length - 1, stream, cancellationToken);
                    }
                }

                files.Add(file);
            }

            var temporary = outputPath + ".tmp.mp4";
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(JoinTimeout);
            var joined = await FFMpegArguments
                .FromConcatDemuxerInput(files, o => o.WithCustomArgument("-hide_banner -loglevel error"))
                .OutputToFile(temporary, overwrite: true, o => o
                    .WithCustomArgument("-map 0:v:0")
                    .CopyStreams()
                    .WithFastStart()
                    .ForceFormat("mp4"))
                .CancellableThrough(deadline.Token)
                .ProcessAsynchronously(throwOnError: false, new FFOptions
                {
                    BinaryFolder = options.Value.FfmpegBinaryFolder,
                    TemporaryFilesFolder = work,
                });
            if (!joined.Success)
            {
                var reason = joined.StandardError.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
                throw new InvalidOperationException($"ffmpeg could not join the segments (exit code {joined.ExitCode}): {reason}");
            }

            File.Move(temporary, outputPath, overwrite: true);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
