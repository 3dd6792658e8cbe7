using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.SiloBench;

/// <summary>
/// Where a probe's event → command time goes: the silo's own spans of the probes' traces (record received by the
/// stream provider, sensor turn, camera turn, the camera's state write and its end), timed as they start (the write
/// also as it ends: then the command is in the outbox). The bench gives each probe a trace of its own in a traceparent header.
/// </summary>
internal sealed class LatencyStages : IDisposable
{
    private static readonly string[] Stages = ["receive deepstream-events", "sensor turn", "camera turn", "state write", "state written"];
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentDictionary<string, long>> seen = new();
    private readonly ActivityListener listener;

    public LatencyStages()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Platform.Silo" or "Platform.Grains",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                seen.ContainsKey(options.Parent.TraceId) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStarted = activity =>
            {
                if (seen.TryGetValue(activity.TraceId, out var stages))
                {
                    stages.TryAdd(activity.DisplayName, Stopwatch.GetTimestamp());
                }
            },
            ActivityStopped = activity =>
            {
                if (activity.DisplayName == "state write" && seen.TryGetValue(activity.TraceId, out var stages))
                {
                    stages.TryAdd("state written", Stopwatch.GetTimestamp());
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>A traceparent for a new probe whose stages are to be timed.</summary>
    public string Track()
    {
        var trace = ActivityTraceId.CreateRandom();
        seen[trace] = new ConcurrentDictionary<string, long>();
        return $"00-{trace}-{ActivitySpanId.CreateRandom()}-01";
    }

    /// <summary>
    /// Per step, p50 and p99 of the time since the previous one: produced → received → sensor turn → camera turn →
    /// state write → state written (committed, the command handed to the producer) → command consumed.
    /// </summary>
    public string Report(IReadOnlyList<(string TraceParent, long Produced, long Arrived)> probes)
    {
        var gaps = new Dictionary<string, List<double>>();
        foreach (var (traceParent, produced, arrived) in probes)
        {
            if (!seen.TryGetValue(ActivityTraceId.CreateFromString(traceParent.AsSpan(3, 32)), out var stages))
            {
                continue;
            }

            var marks = new List<(string Name, long At)> { ("produced", produced) };
            marks.AddRange(Stages.Where(stages.ContainsKey).Select(s => (s, stages[s])));
            marks.Add(("command consumed", arrived));
            for (var i = 1; i < marks.Count; i++)
            {
                var step = $"{marks[i - 1].Name} → {marks[i].Name}";
                if (!gaps.TryGetValue(step, out var list))
                {
                    gaps[step] = list = [];
                }

                list.Add(Stopwatch.GetElapsedTime(marks[i - 1].At, marks[i].At).TotalMilliseconds);
            }
        }

        return string.Join(", ", gaps.Select(g => $"{g.Key} p50 {Percentile(g.Value, 0.5):F1} / p99 {Percentile(g.Value, 0.99):F1} ms (n={g.Value.Count})"));
    }

    public void Dispose() => listener.Dispose();

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[(int)Math.Round(p * (values.Count - 1))];
    }
}
