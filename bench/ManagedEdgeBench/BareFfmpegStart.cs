using System.Diagnostics;

namespace Platform.ManagedEdgeBench;

/// <summary>
/// The baseline: ffmpeg alone, started by hand on the same RTSP mount with the agent's segment length, timed until its
/// second segment closes (the agent drops each run's first segment, which starts at the connection, not on a keyframe;
/// its first kept segment closes when the third file opens, and so does this one's).
/// </summary>
internal static class BareFfmpegStart
{
    public static async Task<TimeSpan> MeasureAsync(Uri source, double segmentSeconds, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("bare-ffmpeg-");
        var clock = Stopwatch.StartNew();
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg")
        {
            ArgumentList =
            {
                "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp", "-i", source.AbsoluteUri, "-map", "0:v", "-c", "copy",
                "-f", "segment", "-segment_time", segmentSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-segment_format", "matroska", "-reset_timestamps", "1", Path.Combine(directory.FullName, "%06d.mkv"),
            },
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("ffmpeg did not start");
        try
        {
            while (Directory.GetFiles(directory.FullName, "*.mkv").Length < 3)
            {
                if (ffmpeg.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException($"bare ffmpeg made no second segment: {await ffmpeg.StandardError.ReadToEndAsync(cancellationToken)}");
                }

                await Task.Delay(20, cancellationToken);
            }

            return clock.Elapsed;
        }
        finally
        {
            ffmpeg.Kill();
            await ffmpeg.WaitForExitAsync(CancellationToken.None);
            directory.Delete(recursive: true);
        }
    }
}
