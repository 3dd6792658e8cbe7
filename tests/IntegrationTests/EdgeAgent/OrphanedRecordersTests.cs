using System.Diagnostics;
using Platform.EdgeAgent.Cache;
using Platform.LocalInfra;

namespace Platform.IntegrationTests.EdgeAgent;

/// <summary>An agent restarted after kill -9 finds the ffmpeg recorders its predecessor left writing into its cache.</summary>
public sealed class OrphanedRecordersTests : IDisposable
{
    private readonly TempDirectory ours = new("orphans-ours");
    private readonly TempDirectory theirs = new("orphans-theirs");
    private readonly List<Process> processes = [];

    [Fact]
    public async Task Finds_ffmpeg_writing_below_the_cache_directory_and_nothing_else()
    {
        var orphan = StartFfmpeg(Path.Combine(ours.Path, "cam1", "run.ts"));
        var stranger = StartFfmpeg(Path.Combine(theirs.Path, "cam1", "run.ts"));
        await Testing.Eventually.WaitAsync(() => File.Exists(Path.Combine(ours.Path, "cam1", "run.ts")), TimeSpan.FromSeconds(20), "the orphan writing");

        var found = OrphanedRecorders.Find(ours.Path);

        Assert.Contains(orphan.Id, found);
        Assert.DoesNotContain(stranger.Id, found);
        Assert.DoesNotContain(Environment.ProcessId, found);
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }

            process.Dispose();
        }

        ours.Dispose();
        theirs.Dispose();
    }

    private Process StartFfmpeg(string output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var process = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-nostdin", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-c:v", "libx264", "-f", "mpegts", "-y", output]))!;
        processes.Add(process);
        return process;
    }
}
