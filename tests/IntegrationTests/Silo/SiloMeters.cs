using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.IntegrationTests.Silo;

/// <summary>
/// Sums the long counters of one in-process silo (its own meter factory, so that other silos running in this test
/// process do not count), by instrument name and the value of one tag.
/// </summary>
internal sealed class SiloMeters : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Dictionary<(string Instrument, string? Tag), long> sums = [];

    /// <param name="services">The silo's services (its <see cref="IMeterFactory"/> is the meters' scope).</param>
    /// <param name="tag">The tag whose value splits a counter's sums ("reason", "kind"); other tags are summed over.</param>
    public SiloMeters(IServiceProvider services, string tag)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tagValue = null;
            foreach (var t in tags)
            {
                if (t.Key == tag)
                {
                    tagValue = t.Value?.ToString();
                }
            }

            lock (sums)
            {
                sums[(instrument.Name, tagValue)] = sums.GetValueOrDefault((instrument.Name, tagValue)) + value;
            }
        });
        listener.Start();
    }

    /// <summary>The counter's sum for one tag value.</summary>
    public long Sum(string instrument, string tagValue)
    {
        lock (sums)
        {
            return sums.GetValueOrDefault((instrument, tagValue));
        }
    }

    /// <summary>The counter's sums by tag value.</summary>
    public Dictionary<string, long> ByTag(string instrument)
    {
        lock (sums)
        {
            return sums.Where(s => s.Key.Instrument == instrument && s.Key.Tag is not null).ToDictionary(s => s.Key.Tag!, s => s.Value);
        }
    }

    public void Dispose() => listener.Dispose();
}
