using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Platform.SiloBench;

/// <summary>The silo's own histograms during a bench phase (state reads and commits): how many, how large, how long.</summary>
internal sealed class SiloMeters : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, (long Count, double Sum)> totals = new();

    public SiloMeters()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name is "Platform.Silo" or "Platform.Grains")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(Name(instrument, tags), value));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(Name(instrument, tags), value));
        listener.Start();
    }

    /// <summary>"name: n, mean" for every instrument that recorded something.</summary>
    public string Report() => string.Join("; ", totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Key} n={t.Value.Count:N0} mean={t.Value.Sum / t.Value.Count:G4} sum={t.Value.Sum:G6}")));

    public void Dispose() => listener.Dispose();

    // A histogram split by phase gets one line per phase.
    private static string Name(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "phase")
            {
                return $"{instrument.Name}.{tag.Value}";
            }
        }

        return instrument.Name;
    }

    private void Add(string name, double value) => totals.AddOrUpdate(name, (1, value), (_, t) => (t.Count + 1, t.Sum + value));
}
