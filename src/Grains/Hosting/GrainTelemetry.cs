using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Grains.Hosting;

/// <summary>ActivitySource and Meter "Platform.Grains": grain turns, repeats skipped, rule firings and commands.</summary>
public sealed class GrainTelemetry : IDisposable
{
    public const string Name = "Platform.Grains";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;

    public GrainTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(Name);
        Events = meter.CreateCounter<long>("platform.grains.events", description: "Events applied by grains, by grain kind.");
        Repeats = meter.CreateCounter<long>("platform.grains.repeats", description: "Events and requests skipped because the grain had applied them (delivered again after a crash or a queue handover).");
        RuleFirings = meter.CreateCounter<long>("platform.grains.rule_firings", description: "Alerts raised by rules.");
        Commands = meter.CreateCounter<long>("platform.grains.commands", description: "Smart Video Record commands decided.");
    }

    public Counter<long> Events { get; }

    public Counter<long> Repeats { get; }

    public Counter<long> RuleFirings { get; }

    public Counter<long> Commands { get; }

    public void Dispose() => meter.Dispose();
}
