using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Silo.Telemetry;

/// <summary>
/// The silo's ActivitySource and Meter (both named "Platform.Silo"), and its instruments. OpenTelemetry
/// subscribes by these names when export is configured.
/// </summary>
public sealed class SiloTelemetry : IDisposable
{
    public const string Name = "Platform.Silo";

    public SiloTelemetry(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        IngressRecords = Meter.CreateCounter<long>("platform.ingress.records", "{record}", "External records read by ingress, by topic.");
        DeadLetters = Meter.CreateCounter<long>("platform.ingress.dead_letters", "{record}", "Records refused by ingress, by reason.");
        GrainMessages = Meter.CreateCounter<long>("platform.grains.messages", "{message}", "Messages applied to grains, by grain kind.");
        Duplicates = Meter.CreateCounter<long>("platform.grains.duplicates_skipped", "{message}", "Re-produced envelopes skipped by the source watermark.");
        RuleFirings = Meter.CreateCounter<long>("platform.rules.firings", "{firing}", "Rule firings, by rule.");
        Commands = Meter.CreateCounter<long>("platform.commands.sent", "{command}", "Smart Video Record commands published.");
        BatchCommitSeconds = Meter.CreateHistogram<double>("platform.grains.batch_commit", "s", "Time to commit one batch of state, offsets and effects.");
        BatchSize = Meter.CreateHistogram<long>("platform.grains.batch_size", "{message}", "Messages per committed batch.");
    }

    public static ActivitySource Source { get; } = new(Name);

    public Meter Meter { get; }

    public Counter<long> IngressRecords { get; }

    public Counter<long> DeadLetters { get; }

    public Counter<long> GrainMessages { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> RuleFirings { get; }

    public Counter<long> Commands { get; }

    public Histogram<double> BatchCommitSeconds { get; }

    public Histogram<long> BatchSize { get; }

    public void Dispose() => Meter.Dispose();
}
