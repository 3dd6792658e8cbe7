using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent;
using Platform.EdgeAgent.Continuous;
using Platform.EdgeAgent.Telemetry;

namespace Platform.EdgeAgentBench;

/// <summary>
/// Continuous recording: a third agent in this process records the same UDP cameras as phase 1 (after the first agent
/// has stopped: one reader per port) with Continuous on, so every 2 s segment is linked into the segment spool,
/// PUT to S3 and announced on edge.segments. Measured over the same window: the agent process (less the embedded
/// broker's thread) and its ffmpeg recorders per camera, against the same run's bare ffmpeg recorders; the bytes
/// uploaded per second; and whether the uploads keep up (the spool's depth at the end).
/// </summary>
internal static class ContinuousPhase
{
    /// <summary>Returns the stopped agent for the caller to dispose at the end, as it does with the first agent.</summary>
    public static async Task<(double PerCamera, IHost Agent)> RunAsync(
        Dictionary<string, string?> baseSettings, int cameras, TimeSpan warmup, TimeSpan measure, string workDirectory)
    {
        var cacheDirectory = Path.Combine(workDirectory, "continuous-cache");
        var settings = new Dictionary<string, string?>(baseSettings)
        {
            ["EdgeAgent:AgentId"] = "bench-continuous",
            ["EdgeAgent:CacheDirectory"] = cacheDirectory,
            ["EdgeAgent:SpoolDirectory"] = Path.Combine(workDirectory, "continuous-spool"),
            ["EdgeAgent:Kafka:GroupId"] = "bench-continuous",
        };
        for (var i = 0; i < cameras; i++)
        {
            settings[$"EdgeAgent:Cameras:{i}:Continuous"] = "true";
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddEdgeAgent(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        await Task.Delay(warmup);
        var self = Environment.ProcessId;
        var telemetry = host.Services.GetRequiredService<EdgeAgentTelemetry>();
        var spool = host.Services.GetRequiredService<SegmentSpool>();
        var recorders = ProcCpu.Children(self, "ffmpeg").Where(pid => ProcCpu.CommandLine(pid).Contains(cacheDirectory, StringComparison.Ordinal)).ToList();
        var before = (Agent: ProcCpu.Seconds(self) - ProcCpu.ThreadSeconds(self, "rdk:mock"), Children: recorders.Sum(ProcCpu.Seconds),
            Bytes: telemetry.ContinuousUploadedBytes, Segments: telemetry.ContinuousUploaded);
        var clock = Stopwatch.StartNew();
        await Task.Delay(measure);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = (Agent: ProcCpu.Seconds(self) - ProcCpu.ThreadSeconds(self, "rdk:mock"), Children: recorders.Sum(ProcCpu.Seconds),
            Bytes: telemetry.ContinuousUploadedBytes, Segments: telemetry.ContinuousUploaded);
        var agentRate = (after.Agent - before.Agent) / seconds / cameras;
        var childRate = (after.Children - before.Children) / seconds / cameras;
        var bytesPerSecond = (after.Bytes - before.Bytes) / seconds;
        Console.WriteLine($"continuous upload ({cameras} cameras, {recorders.Count} recorders): ffmpeg {childRate:F4} + agent {agentRate:F4} = {childRate + agentRate:F4} CPU-s/s per camera; "
            + $"uploaded {after.Segments - before.Segments} segments, {bytesPerSecond / 1e6:F2} MB/s ({bytesPerSecond * 8 / 1e6 / cameras:F2} Mbit/s per camera); "
            + $"spool depth at the end {spool.Count}, evictions {telemetry.ContinuousEvictions}");
        await host.StopAsync();
        return (childRate + agentRate, host);
    }
}
