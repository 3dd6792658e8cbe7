using System.Diagnostics;
using Platform.LocalPlatform;
using Platform.Messaging;
using Platform.Simulator.Load;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;

namespace Platform.LoadHarness;

/// <summary>
/// One measured run against a started, seeded platform: the raw broker burst, then the paced load through the real
/// processes while the backlog, the commands and the processes' CPU are sampled, then the drain.
/// </summary>
internal sealed class LoadRun(LocalPlatformRun platform, HarnessOptions options, Action<string> progress)
{
    private const int Seed = 1;

    public async Task<LoadResult> RunAsync(MachineInfo machine, DateTimeOffset startedUtc, double seedSeconds, CancellationToken cancellationToken)
    {
        var bootstrap = platform.KafkaBootstrap;
        var sensorIds = LoadSeed.SensorIds(options.Sensors);
        using var sink = new KafkaDeepStreamSink(bootstrap, PlatformTopics.DeepStreamEvents);
        var events = new ProducedEventLog(sink, sensorIds.Take(options.RuleSensors).ToHashSet(StringComparer.Ordinal), TimeProvider.System);
        using var probe = new CommandLatencyProbe(bootstrap, events, options.PreRoll);
        await using var sampler = new BacklogSampler(bootstrap, platform.Infrastructure.Postgres!.ConnectionString(), () => probe.Commands);

        await WaitForSeedAppliedAsync(sampler, cancellationToken);
        progress($"raw broker burst: {options.BrokerProbeMessages:N0} messages of 1 KB");
        var brokerRate = BrokerProbe.ProduceRate(platform.Infrastructure.Kafka!, options.BrokerProbeMessages);
        progress($"raw broker produce: {brokerRate:N0} msg/s");

        MeteredProcess[] processes =
        [
            new("silo", platform.Silo.Pid),
            new("gateway", platform.Gateway.Pid),
            new("harness (broker, load, probes)", Environment.ProcessId),
            new("postgresql (all backends)", platform.Infrastructure.Postgres.Pid!.Value, Tree: true),
        ];
        var commitsBefore = await sampler.PostgresCommitsAsync(cancellationToken);
        var cpuBefore = CpuSnapshot.Take(processes);
        var threadsBefore = processes.Where(p => !p.Tree).ToDictionary(p => p.Name, p => ThreadProfile.Take(p.Pid));
        sampler.Start();
        var clock = Stopwatch.StartNew();
        var loadStartedUtc = DateTimeOffset.UtcNow;
        progress($"offering {options.Rate:N0} ev/s for {options.Duration.TotalSeconds:0} s over {options.Sensors:N0} sensors");
        using var reporter = Report(sampler, clock, cancellationToken);
        var runner = new LoadRunner(new RandomWalk(sensorIds, options.ObjectsPerSensor, Seed), DeepStreamSchema.Full,
            new RatePacer(options.Rate, options.Duration), events, TimeProvider.System);
        var sent = await runner.RunAsync(cancellationToken);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var cpuAtLoadEnd = CpuSnapshot.Take(processes);
        var busiest = processes.Where(p => !p.Tree).ToDictionary(p => p.Name,
            p => (IReadOnlyList<(string, double)>)[.. ThreadProfile.Take(p.Pid).Since(threadsBefore[p.Name], loadSeconds).Take(6)]);
        sink.Flush(TimeSpan.FromSeconds(30));

        var drainedAt = await WaitForDrainAsync(sampler, sink.Delivered, loadSeconds, cancellationToken);
        var cpuAfter = CpuSnapshot.Take(processes);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // the last commands leave the outbox after their commit
        var latencies = probe.Stop();
        return new LoadResult
        {
            Options = options,
            Machine = machine,
            StartedUtc = startedUtc,
            LoadAverageAfter = MachineInfo.ReadLoadAverage(),
            SeedSeconds = seedSeconds,
            BrokerProduceRate = brokerRate,
            LoadSeconds = loadSeconds,
            Published = sent,
            DeliveryFailures = sink.Failed,
            Samples = sampler.Samples,
            DrainedAt = drainedAt,
            Latencies = latencies,
            LoadStartedUtc = loadStartedUtc,
            Commands = probe.Commands,
            UnmatchedCommands = probe.Unmatched,
            CoresDuringLoad = cpuAtLoadEnd.CoresSince(cpuBefore),
            CoresUntilDrained = cpuAfter.CoresSince(cpuBefore),
            PeakRssMiB = processes.ToDictionary(p => p.Name, p => p.PeakRssMiB()),
            BusiestThreads = busiest,
            PostgresCommits = await sampler.PostgresCommitsAsync(cancellationToken) - commitsBefore,
        };
    }

    /// <summary>The seed's config notifications go through the grain host too: let them pass before measuring.</summary>
    private async Task WaitForSeedAppliedAsync(BacklogSampler sampler, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        long pending;
        while ((pending = await sampler.ControlPendingAsync(cancellationToken)) > 0 && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500, cancellationToken);
        }

        progress(pending > 0 ? $"warning: {pending} config notifications still pending" : "config notifications applied");
    }

    /// <summary>Seconds after the load's start when everything delivered was read by ingress and applied by a grain; null if not in time.</summary>
    private async Task<double?> WaitForDrainAsync(BacklogSampler sampler, long delivered, double loadSeconds, CancellationToken cancellationToken)
    {
        while (true)
        {
            var last = sampler.Samples[^1];
            if (last.Seconds > loadSeconds && last.DeviceEvents >= delivered && last.IngressCommitted >= last.DeviceEvents && last.GrainHostLag <= 0)
            {
                return last.Seconds;
            }

            if (last.Seconds > loadSeconds + options.DrainTimeout.TotalSeconds)
            {
                return null;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>A progress line every 5 s, so a long run shows whether it keeps up.</summary>
    private Timer Report(BacklogSampler sampler, Stopwatch clock, CancellationToken cancellationToken) =>
        new(_ =>
        {
            if (!cancellationToken.IsCancellationRequested && sampler.Samples is [.., var s])
            {
                progress($"{clock.Elapsed.TotalSeconds,5:0}s device {s.DeviceEvents,9:N0}  applied {s.Applied,9:N0}  lag {s.TotalLag,9:N0} (ingress {s.IngressLag:N0}, grains {s.GrainHostLag:N0})  commands {s.Commands:N0}");
            }
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
}
