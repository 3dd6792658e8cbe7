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

        await WaitForQueuesClaimedAsync(sampler, cancellationToken);
        progress($"raw broker burst: {options.BrokerProbeMessages:N0} messages of 1 KB");
        var brokerRate = BrokerProbe.ProduceRate(platform.Infrastructure.Kafka!, options.BrokerProbeMessages);
        progress($"raw broker produce: {brokerRate:N0} msg/s");

        MeteredProcess[] processes =
        [
            .. platform.Silos.Select(silo => new MeteredProcess(silo.Process.Name, silo.Process.Pid)),
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

    /// <summary>
    /// Measures from the moment every partition of the device topic is claimed by a silo (its queue is read). The seed
    /// needs no waiting: the gateway tells grains of a change by calling them, before it answers.
    /// </summary>
    private async Task WaitForQueuesClaimedAsync(BacklogSampler sampler, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var partitions = PlatformTopics.Defaults.Single(t => t.Name == PlatformTopics.DeepStreamEvents).Partitions;
        int claimed;
        while ((claimed = (await sampler.TakeAsync(cancellationToken)).ClaimedPartitions) < partitions && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500, cancellationToken);
        }

        progress(claimed < partitions
            ? $"warning: only {claimed} of {partitions} device-topic partitions are claimed by a silo"
            : $"all {partitions} device-topic partitions are claimed by the silos");
    }

    /// <summary>Seconds after the load's start when everything delivered was checkpointed (applied by its grains); null if not in time.</summary>
    private async Task<double?> WaitForDrainAsync(BacklogSampler sampler, long delivered, double loadSeconds, CancellationToken cancellationToken)
    {
        while (true)
        {
            var last = sampler.Samples[^1];
            if (last.Seconds > loadSeconds && last.DeviceEvents >= delivered && last.TotalLag <= 0)
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
                progress($"{clock.Elapsed.TotalSeconds,5:0}s device {s.DeviceEvents,9:N0}  checkpointed {s.Checkpointed,9:N0}  lag {s.TotalLag,9:N0}  commands {s.Commands:N0}");
            }
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
}
