using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Silo.Telemetry;

/// <summary>
/// The silo's ActivitySource and Meter (both named "Platform.Silo"): reading records, storing grain state, sending
/// the outbox. Grains have their own ("Platform.Grains"), the Kafka stream provider too ("Platform.Streaming.Kafka").
/// </summary>
public sealed class SiloTelemetry : IDisposable
{
    public const string Name = "Platform.Silo";

    public SiloTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(Name);
        StateCommitSeconds = Meter.CreateHistogram<double>("platform.silo.state_commit", "s", "Time to commit one group of grain state writes with their rows and outbox messages.");
        StateCommitPhase = Meter.CreateHistogram<double>("platform.silo.state_commit_phase", "s", "Time of each phase of a state commit (connect, states, rows, commit), by phase.");
        StateCommitSize = Meter.CreateHistogram<long>("platform.silo.state_commit_size", "{write}", "Grain state writes per commit.");
        StateReadSize = Meter.CreateHistogram<long>("platform.silo.state_read_size", "{grain}", "Grain states read by one query (activations gathered).");
        StateReadSeconds = Meter.CreateHistogram<double>("platform.silo.state_read", "s", "Time of one query reading the states of activating grains.");
        OutboxSent = Meter.CreateCounter<long>("platform.silo.outbox_sent", "{message}", "Commands and alerts the broker acknowledged, by topic.");
        OutboxSwept = Meter.CreateCounter<long>("platform.silo.outbox_swept", "{message}", "Outbox messages another silo had left unsent and this one sent.");
    }

    public static ActivitySource Source { get; } = new(Name);

    public Meter Meter { get; }

    public Histogram<double> StateCommitSeconds { get; }

    public Histogram<long> StateCommitSize { get; }

    public Histogram<double> StateCommitPhase { get; }

    public Histogram<long> StateReadSize { get; }

    public Histogram<double> StateReadSeconds { get; }

    public Counter<long> OutboxSent { get; }

    public Counter<long> OutboxSwept { get; }

    public void Dispose() => Meter.Dispose();
}
