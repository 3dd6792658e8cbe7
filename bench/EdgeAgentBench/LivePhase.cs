using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent;
using Platform.EdgeAgent.Live;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.ObjectStorage;

namespace Platform.EdgeAgentBench;

/// <summary>
/// Live view at the edge. A live stream is a second reader of its camera, which an RTSP camera allows and the other
/// phases' UDP players do not (one socket per port), so this phase runs a second agent in this process with RTSP
/// test cameras (720p25, 1 s GOP, 2 Mbit/s, x264 in a process of their own, not counted). Then start-live for each,
/// (1) start command → playlist in S3 (the earliest a player can begin), per stream;
/// (2) for every segment that appears in S3, how old its first frame is by then (now − its program date time:
///     the frame's arrival at the agent), the floor of glass-to-glass before the player's own buffer;
/// (3) CPU per live camera: the live ffmpeg processes plus the agent process's growth over the same agent before the
///     streams started, in a window of its own without the polling of (2).
/// </summary>
internal static class LivePhase
{
    public static async Task RunAsync(string bootstrapServers, S3Server s3, string bucket, int streams, TimeSpan measure,
        Func<double> agentCpu, string workDirectory)
    {
        var mounts = Enumerable.Range(0, streams).Select(i => $"live{i}").ToList();
        await using var cameras = await RtspCameraServer.StartAsync(new RtspCameraOptions
        {
            Width = 1280, Height = 720, FramesPerSecond = 25, GopSeconds = 1, BitrateKbps = 2000, Mounts = mounts,
        });
        var cacheDirectory = Path.Combine(workDirectory, "live-cache");
        var settings = new Dictionary<string, string?>
        {
            ["Health:Urls"] = "",
            ["EdgeAgent:AgentId"] = "bench-live",
            ["EdgeAgent:CacheDirectory"] = cacheDirectory,
            ["EdgeAgent:SpoolDirectory"] = Path.Combine(workDirectory, "live-spool"),
            ["EdgeAgent:S3:ServiceUrl"] = s3.ServiceUrl.ToString(),
            ["EdgeAgent:S3:Bucket"] = bucket,
            ["EdgeAgent:S3:AccessKey"] = s3.AccessKey,
            ["EdgeAgent:S3:SecretKey"] = s3.SecretKey,
            ["EdgeAgent:Kafka:BootstrapServers"] = bootstrapServers,
            ["EdgeAgent:Kafka:GroupId"] = "bench-live",
        };
        for (var i = 0; i < streams; i++)
        {
            settings[$"EdgeAgent:Cameras:{i}:Id"] = mounts[i];
            settings[$"EdgeAgent:Cameras:{i}:Source"] = cameras.Url(mounts[i]).AbsoluteUri;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddEdgeAgent(builder.Configuration);
        using var liveAgent = builder.Build();
        await liveAgent.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(10)); // both agents recording, before any stream
        var idle = await Rate(agentCpu, TimeSpan.FromSeconds(10));
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build();
        var minio = MinioClients.Create(s3.Connection);
        var started = new Dictionary<string, DateTimeOffset>();
        var firstPlaylist = new Dictionary<string, double>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var ages = new List<double>();
        for (var i = 0; i < streams; i++)
        {
            var command = new LiveViewCommand
            {
                Command = LiveViewCommand.StartLive, CameraId = CameraId.From(mounts[i]), StreamId = $"bench{i}",
                LeaseUntil = DateTimeOffset.UtcNow.Add(measure).AddMinutes(2),
            };
            started[mounts[i]] = DateTimeOffset.UtcNow;
            await producer.ProduceAsync(PlatformTopics.EdgeCommands, new Message<string, byte[]>
            {
                Key = command.CameraId.Value,
                Value = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(command, EdgeJsonContext.Default.LiveViewCommand),
            });
        }

        var clock = Stopwatch.StartNew();
        var measuring = false;
        var limit = measure + TimeSpan.FromSeconds(30);
        while (clock.Elapsed < limit)
        {
            // A segment is fetchable once a playlist names it (the agent uploads segments first, then the playlist).
            for (var i = 0; i < streams; i++)
            {
                var playlist = await ReadAsync(minio, bucket, LiveObjectKeys.Key(CameraId.From(mounts[i]), $"bench{i}", LiveObjectKeys.Playlist));
                if (playlist is null)
                {
                    continue;
                }

                firstPlaylist.TryAdd(mounts[i], (DateTimeOffset.UtcNow - started[mounts[i]]).TotalSeconds);
                foreach (var (segment, dateTime) in Segments(playlist))
                {
                    if (named.Add($"{mounts[i]}/{segment}") && measuring)
                    {
                        ages.Add((DateTimeOffset.UtcNow - dateTime).TotalSeconds);
                    }
                }
            }

            // Ages are taken once every stream runs, over `measure`.
            if (!measuring && firstPlaylist.Count == streams)
            {
                measuring = true;
                clock.Restart();
                limit = measure;
            }

            await Task.Delay(50);
        }

        // CPU over another `measure`, without this polling (it runs in the agent's process).
        var liveFfmpeg = ProcCpu.Children(Environment.ProcessId, "ffmpeg")
            .Where(pid => ProcCpu.CommandLine(pid).Contains(Path.Combine(cacheDirectory, LiveStreams.DirectoryName), StringComparison.Ordinal)).ToList();
        var from = (Agent: agentCpu(), Children: liveFfmpeg.Sum(ProcCpu.Seconds));
        clock.Restart();
        await Task.Delay(measure);
        var seconds = clock.Elapsed.TotalSeconds;
        var children = (liveFfmpeg.Sum(ProcCpu.Seconds) - from.Children) / seconds / streams;
        var agent = ((agentCpu() - from.Agent) / seconds - idle) / streams;
        var startSorted = firstPlaylist.Values.Order().ToList();
        var ageSorted = ages.Order().ToList();
        Console.WriteLine($"live: start-live -> playlist in S3, {streams} streams: p50={Percentile(startSorted, 0.5):F2} s max={startSorted.LastOrDefault():F2} s");
        Console.WriteLine($"live: a segment's first frame is this old when the segment is fetchable: n={ageSorted.Count} p50={Percentile(ageSorted, 0.5):F2} s p95={Percentile(ageSorted, 0.95):F2} s");
        Console.WriteLine($"live: CPU per live camera: ffmpeg HLS copy ({liveFfmpeg.Count} processes) {children:F4} CPU-s/s, agent process (uploads) {agent:F4} CPU-s/s");
        Console.WriteLine($"live: total {children + agent:F4} CPU-s/s per live camera = {(children + agent) * 100:F2}% of a core");
        await liveAgent.StopAsync();
    }

    /// <summary>Each segment a playlist names with its program date time (the arrival of its first frame at the agent).</summary>
    private static IEnumerable<(string Segment, DateTimeOffset DateTime)> Segments(string playlist)
    {
        DateTimeOffset? dateTime = null;
        foreach (var line in playlist.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("#EXT-X-PROGRAM-DATE-TIME:", StringComparison.Ordinal))
            {
                dateTime = DateTimeOffset.Parse(line[25..], CultureInfo.InvariantCulture);
            }
            else if (LiveObjectKeys.IsSegment(line) && dateTime is { } at)
            {
                yield return (line, at);
            }
        }
    }

    private static async Task<string?> ReadAsync(Minio.IMinioClient minio, string bucket, string key)
    {
        using var content = new MemoryStream();
        try
        {
            await minio.GetObjectAsync(new Minio.DataModel.Args.GetObjectArgs().WithBucket(bucket).WithObject(key)
                .WithCallbackStream(stream => stream.CopyTo(content)));
        }
        catch (Exception e) when (e is Minio.Exceptions.ObjectNotFoundException or HttpRequestException or IOException)
        {
            return null; // not up yet, or the local S3 server cut a read short while the agent replaced it: next poll
        }

        return Encoding.UTF8.GetString(content.ToArray());
    }

    private static async Task<double> Rate(Func<double> cpu, TimeSpan duration)
    {
        var start = cpu();
        await Task.Delay(duration);
        return (cpu() - start) / duration.TotalSeconds;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
