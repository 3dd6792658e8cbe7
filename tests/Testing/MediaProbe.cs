using System.Globalization;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>
/// Runs ffprobe and ffmpeg for tests, each with a deadline, and reads their answers. The command lines live
/// here once so every test reads streams the same way (RTSP over TCP, as the recorder does).
/// </summary>
public static class MediaProbe
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Codec, size and frame rate of the first video stream of <paramref name="url"/> (a URL or a file).</summary>
    public static async Task<VideoStreamInfo> ProbeVideoAsync(string url, CancellationToken ct = default)
    {
        var json = await RunAsync("ffprobe",
            [.. InputOptions(url), "-v", "error", "-select_streams", "v:0",
             "-show_entries", "stream=codec_name,width,height,avg_frame_rate,r_frame_rate", "-of", "json", url],
            DefaultTimeout, ct);
        using var document = JsonDocument.Parse(json);
        var streams = document.RootElement.GetProperty("streams");
        if (streams.GetArrayLength() == 0)
        {
            throw new InvalidOperationException($"ffprobe found no video stream in {url}:\n{json}");
        }

        var stream = streams[0];
        return new VideoStreamInfo(
            stream.GetProperty("codec_name").GetString() ?? "",
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            ParseRate(stream.GetProperty("avg_frame_rate").GetString()),
            ParseRate(stream.GetProperty("r_frame_rate").GetString()));
    }

    /// <summary>Copies <paramref name="duration"/> of the stream at <paramref name="url"/> into <paramref name="outputPath"/> without re-encoding.</summary>
    public static Task RecordAsync(string url, TimeSpan duration, string outputPath, CancellationToken ct = default) =>
        RunAsync("ffmpeg",
            ["-nostdin", "-v", "error", .. InputOptions(url), "-i", url,
             "-t", duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), "-c", "copy", "-y", outputPath],
            duration + DefaultTimeout, ct);

    /// <summary>Presentation times (seconds) of the keyframe packets of the first video stream of a file.</summary>
    public static async Task<IReadOnlyList<double>> KeyframeTimesAsync(string path, CancellationToken ct = default)
    {
        // Packet flags, not decoded frames: no decoding needed, and a stream-copy recorder sees exactly these.
        var csv = await RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", path],
            DefaultTimeout, ct);
        return ParsePackets(csv).Where(p => p.Keyframe).Select(p => p.Time).ToList();
    }

    /// <summary>How many video packets (frames) a file holds.</summary>
    public static async Task<int> VideoPacketCountAsync(string path, CancellationToken ct = default)
    {
        var csv = await RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", path],
            DefaultTimeout, ct);
        return ParsePackets(csv).Count;
    }

    /// <summary>
    /// Runs a program and returns its standard output. Fails with its standard error when it exits non-zero,
    /// and kills it when it outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken ct = default)
    {
        var list = arguments.ToList();
        var result = await ProcessRunner.RunAsync(fileName, list, timeout, ct);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException(
                $"{fileName} exited with code {result.ExitCode}: {string.Join(' ', list)}\n{result.StandardError}");
    }

    private static string[] InputOptions(string url) =>
        url.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) ? ["-rtsp_transport", "tcp"] : [];

    private static List<(double Time, bool Keyframe)> ParsePackets(string csv)
    {
        var packets = new List<(double, bool)>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "1.960000,K_" (pts_time, flags); a packet without a timestamp reads "N/A" and is skipped.
            var fields = line.Split(',');
            if (fields.Length >= 2 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
            {
                packets.Add((time, fields[1].Contains('K', StringComparison.Ordinal)));
            }
        }

        return packets;
    }

    private static double ParseRate(string? rate)
    {
        var parts = (rate ?? "").Split('/');
        var numerator = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var denominator = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
