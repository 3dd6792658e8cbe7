using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Continuous;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Ids;

namespace Platform.UnitTests.EdgeAgent.Continuous;

public sealed class SegmentSpoolTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly CameraId Camera = CameraId.From("cam-1");
    private readonly string root = Directory.CreateTempSubdirectory("segment-spool-").FullName;
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EdgeAgentTelemetry telemetry;

    public SegmentSpoolTests() => telemetry = new EdgeAgentTelemetry(services.GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task A_segment_survives_the_cache_deleting_it_and_comes_out_oldest_first()
    {
        var spool = Spool();
        var late = CacheFile("b", 100);
        var early = CacheFile("a", 100);
        spool.Admit(Camera, late, T0.AddSeconds(2), T0.AddSeconds(4));
        spool.Admit(Camera, early, T0, T0.AddSeconds(2));
        File.Delete(early); // the cache's retention

        var first = await spool.TakeAsync(CancellationToken.None);

        Assert.Equal(T0, first.Start);
        Assert.Equal(100, new FileInfo(first.Path).Length);
        spool.Complete(first);
        Assert.False(File.Exists(first.Path));
        Assert.Equal(1, spool.Count);
    }

    [Fact]
    public void Admitting_the_same_segment_twice_spools_it_once()
    {
        var spool = Spool();
        var file = CacheFile("a", 100);
        spool.Admit(Camera, file, T0, T0.AddSeconds(2));
        spool.Admit(Camera, file, T0, T0.AddSeconds(2));

        Assert.Equal((1, 100L), (spool.Count, spool.Bytes));
    }

    [Fact]
    public void Over_the_count_bound_the_oldest_waiting_segments_are_evicted_and_counted()
    {
        var spool = Spool(maxSegments: 3);
        for (var i = 0; i < 5; i++)
        {
            spool.Admit(Camera, CacheFile($"s{i}", 10), T0.AddSeconds(2 * i), T0.AddSeconds((2 * i) + 2));
        }

        Assert.Equal(3, spool.Count);
        Assert.Equal(2, telemetry.ContinuousEvictions);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(spool.Root, Camera.Value)).Length);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(spool.Root, Camera.Value)), f => f.Contains(SegmentSpool.FileName(T0, T0.AddSeconds(2)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_segment_being_uploaded_is_not_evicted_but_counts_towards_the_byte_bound()
    {
        var spool = Spool(maxBytes: 2 * 1024 * 1024);
        spool.Admit(Camera, CacheFile("a", 1024 * 1024), T0, T0.AddSeconds(2));
        var uploading = await spool.TakeAsync(CancellationToken.None);
        spool.Admit(Camera, CacheFile("b", 1024 * 1024), T0.AddSeconds(2), T0.AddSeconds(4));
        spool.Admit(Camera, CacheFile("c", 1024 * 1024), T0.AddSeconds(4), T0.AddSeconds(6));

        Assert.True(File.Exists(uploading.Path));
        Assert.Equal(1, telemetry.ContinuousEvictions);
        Assert.Equal(T0.AddSeconds(4), (await spool.TakeAsync(CancellationToken.None)).Start);
    }

    [Fact]
    public void A_restart_finds_the_waiting_segments_and_drops_unfinished_copies()
    {
        var spool = Spool();
        spool.Admit(Camera, CacheFile("a", 100), T0, T0.AddSeconds(2));
        spool.Admit(CameraId.From("cam-2"), CacheFile("b", 50), T0, T0.AddSeconds(2));
        var partial = Path.Combine(spool.Root, Camera.Value, SegmentSpool.FileName(T0.AddSeconds(2), T0.AddSeconds(4)) + ".tmp");
        File.WriteAllBytes(partial, new byte[10]);

        var again = Spool();

        Assert.Equal((2, 150L), (again.Count, again.Bytes));
        Assert.False(File.Exists(partial));
    }

    public void Dispose()
    {
        telemetry.Dispose();
        services.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private SegmentSpool Spool(int maxSegments = 100, long maxBytes = 1L << 30) => new(
        Options.Create(new EdgeAgentOptions
        {
            AgentId = "edge-1",
            SpoolDirectory = Path.Combine(root, "spool"),
            CacheDirectory = Path.Combine(root, "cache"),
            ContinuousSpoolMaxSegments = maxSegments,
            ContinuousSpoolMaxBytes = maxBytes,
        }),
        telemetry,
        NullLogger<SegmentSpool>.Instance);

    private string CacheFile(string name, int bytes)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, "cache", Camera.Value)).FullName;
        var path = Path.Combine(directory, name + ".mkv");
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }
}
