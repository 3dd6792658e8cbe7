using System.Globalization;
using System.Text;

namespace Platform.LoadHarness;

/// <summary>One run as a Markdown block: the same text is printed and appended to bench/RESULTS.md.</summary>
internal static class ResultsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(LoadResult r)
    {
        var o = r.Options;
        var first = r.Samples[0];
        var atLoadEnd = SampleAt(r.Samples, r.LoadSeconds);
        var last = r.Samples[^1];
        var appliedInLoad = atLoadEnd.Checkpointed - first.Checkpointed;
        var applied = last.Checkpointed - first.Checkpointed;
        var lost = r.Samples.Max(s => s.Unreadable);
        var cooldown = o.Cooldown.TotalSeconds;
        var expectedCommands = o.RuleSensors * (long)Math.Ceiling(o.Duration.TotalSeconds / cooldown);
        var drainSeconds = r.DrainedAt ?? last.Seconds;

        var text = new StringBuilder();
        Line(text, $"### {r.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {N(o.Rate)} ev/s for {N(o.Duration.TotalSeconds)} s over {N(o.Sensors)} sensors");
        Line(text);
        Line(text, $"- machine: {r.Machine.Cores} cores, {r.Machine.MemoryGiB:0.0} GiB RAM, shared with other engineers (runs are noisy); "
            + $"load average (1/5/15 min) {r.Machine.LoadAverage} before, {r.LoadAverageAfter} after");
        Line(text, $"- commit: {r.Machine.Commit} (Release build of a private working copy)");
        Line(text, $"- parameters: `--rate {o.Rate.ToString(Invariant)} --duration {o.Duration.TotalSeconds.ToString(Invariant)} --sensors {o.Sensors} --rules-fraction {o.RulesFraction.ToString(Invariant)}`; "
            + $"{o.ObjectsPerSensor} random-walk objects per sensor, full DeepStream schema (one object per message); "
            + $"{o.RuleSensors} rule sensors record on an object in a whole-frame zone, cooldown {N(cooldown)} s, pre-roll {N(o.PreRoll.TotalSeconds)} s, post-roll {N(o.PostRoll.TotalSeconds)} s");
        Line(text, $"- platform: {(o.Silos == 1 ? "one silo" : $"{o.Silos} silos (one Orleans cluster)")} and the gateway as processes, embedded broker, "
            + $"PostgreSQL and S3 server (LocalPlatformRun), no edge agent; seeded through the gateway API (8 parallel requests) in {r.SeedSeconds:0.0} s");
        Line(text);
        Line(text, "| measure | value |");
        Line(text, "|---|---|");
        Row(text, "raw broker produce, 1 KB to 32 partitions, platform producer settings, same run", $"{N(r.BrokerProduceRate)} msg/s");
        Row(text, "offered (asked)", $"{N(o.Rate)} ev/s");
        Row(text, "offered (produced by the harness)", $"{N(r.Published / r.LoadSeconds)} ev/s ({N(r.Published)} events in {r.LoadSeconds:0.0} s, {N(r.DeliveryFailures)} delivery failures)");
        Row(text, "achieved: checkpointed (applied and stored by the grains) while offered", $"{N(appliedInLoad / r.LoadSeconds)} ev/s");
        Row(text, "achieved: checkpointed, best 5 s window", $"{N(BestWindowRate(r.Samples, 5))} ev/s");
        Row(text, "achieved: checkpointed from start until drained", $"{N(applied / drainSeconds)} ev/s ({N(applied)} events in {drainSeconds:0.0} s)");
        Row(text, "drained", r.DrainedAt is { } drained
            ? $"{drained - r.LoadSeconds:0.0} s after the load ended" + (lost > 0 ? $", but at least {N(lost)} events fell off the device topic unread" : "")
            : $"no: {N(last.TotalLag)} events still pending {last.Seconds - r.LoadSeconds:0} s after the load ended");
        Row(text, "lag (deepstream-events end offsets vs stream_checkpoints, written about once a second): max / at the load's end",
            $"{N(r.Samples.Max(s => s.TotalLag))} / {N(atLoadEnd.TotalLag)} events");
        Row(text, "events lost (fell off the device topic before a silo read them; the mock broker keeps ~5 MiB per partition), at least",
            $"{N(lost)} (device-topic low watermark {N(last.DeviceLowWatermark)})");
        Row(text, "start-recording commands: matched / seen / expected", $"{N(r.Latencies.Count)} / {N(r.Commands)} / ≈{N(expectedCommands)}");
        Row(text, "event → command latency p50 / p99 / max, all commands", Latency(r.Latencies.Select(l => l.Milliseconds)));
        // The first firing of every rule sensor falls in the first seconds, on cold grains (activation, first config load, JIT).
        Row(text, $"event → command latency p50 / p99 / max, triggers after the first cooldown ({N(cooldown)} s)",
            Latency(r.Latencies.Where(l => (l.EventProducedAt - r.LoadStartedUtc).TotalSeconds >= cooldown).Select(l => l.Milliseconds)));
        Row(text, "PostgreSQL commits until drained", $"{N(r.PostgresCommits)} ({N(r.PostgresCommits / drainSeconds)}/s, {(r.PostgresCommits == 0 ? 0 : applied / (double)r.PostgresCommits):0} events per commit)");
        Line(text);
        Line(text, "| process | cores while offered | cores until drained | CPU µs per applied event | peak RSS (VmHWM) |");
        Line(text, "|---|---|---|---|---|");
        foreach (var (name, cores) in r.CoresDuringLoad)
        {
            var untilDrained = r.CoresUntilDrained[name];
            var perEvent = applied == 0 ? 0 : untilDrained * drainSeconds / applied * 1e6;
            Line(text, $"| {name} | {cores:0.00} | {untilDrained:0.00} | {perEvent:0} | {r.PeakRssMiB[name]:0} MiB |");
        }

        Line(text);
        Line(text, "Busiest threads while offered (cores, by thread name):");
        foreach (var (process, threads) in r.BusiestThreads)
        {
            Line(text, $"- {process}: {string.Join(", ", threads.Select(t => $"`{t.Name}` {t.Cores:0.00}"))}");
        }

        Line(text);
        Line(text, "Lag over time, every 5 s from the load's start (events):");
        Line(text, string.Join(", ", r.Samples.Where((_, i) => i % 5 == 0 || i == r.Samples.Count - 1)
            .Select(s => $"{s.Seconds:0}s {N(s.TotalLag)}")));
        Line(text);
        return text.ToString();
    }

    private static BacklogSample SampleAt(IReadOnlyList<BacklogSample> samples, double seconds) =>
        samples.LastOrDefault(s => s.Seconds <= seconds + 0.5) ?? samples[0];

    private static double BestWindowRate(IReadOnlyList<BacklogSample> samples, int window)
    {
        var best = 0.0;
        for (var i = window; i < samples.Count; i++)
        {
            best = Math.Max(best, (samples[i].Checkpointed - samples[i - window].Checkpointed) / (samples[i].Seconds - samples[i - window].Seconds));
        }

        return best;
    }

    private static string Latency(IEnumerable<double> milliseconds)
    {
        var values = milliseconds.ToList();
        return values.Count == 0
            ? "no commands"
            : $"{Percentile(values, 0.50):0} / {Percentile(values, 0.99):0} / {values.Max():0} ms ({N(values.Count)} commands)";
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string N(double value) => value.ToString("N0", Invariant);

    private static void Row(StringBuilder text, string measure, string value) => Line(text, $"| {measure} | {value} |");

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
