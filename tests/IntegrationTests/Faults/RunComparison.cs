namespace Platform.IntegrationTests.Faults;

/// <summary>
/// The one place that says whether a faulty run ended where an uninterrupted run over the same input ends: the same
/// per-minute counts, recording sessions, alerts and commands (ids and payloads) in PostgreSQL, the same command ids
/// on edge.commands, and never one command id with two payloads there (a re-send after a crash must be identical).
/// </summary>
internal static class RunComparison
{
    public static IReadOnlyList<string> Differences(SiloRunResult reference, SiloRunResult run)
    {
        var differences = new List<string>();
        Compare("traffic_counts", reference.Outcome.Counts, run.Outcome.Counts, differences);
        Compare("recording_sessions", reference.Outcome.Sessions, run.Outcome.Sessions, differences);
        Compare("alerts", reference.Outcome.Alerts, run.Outcome.Alerts, differences);
        Compare("commands", reference.Outcome.Commands, run.Outcome.Commands, differences);
        foreach (var conflict in run.PublishedCommands.GroupBy(c => c.Id).Where(g => g.Select(c => c.Payload).Distinct().Count() > 1))
        {
            differences.Add($"edge.commands: {conflict.Key} published with {conflict.Select(c => c.Payload).Distinct().Count()} different payloads");
        }

        Compare("edge.commands ids", Distinct(reference.PublishedCommands), Distinct(run.PublishedCommands), differences);
        return differences;
    }

    /// <summary>One line for the test output: how much was compared, and how many commands were re-sent.</summary>
    public static string Summary(SiloRunResult result) =>
        $"{result.Outcome.Counts.Count} count rows, {result.Outcome.Sessions.Count} sessions, {result.Outcome.Alerts.Count} alerts, " +
        $"{result.Outcome.Commands.Count} commands, {result.PublishedCommands.Count} command records " +
        $"({result.PublishedCommands.Count - result.PublishedCommands.Select(c => c.Id).Distinct().Count()} re-sent)";

    private static List<string> Distinct(IReadOnlyList<(string Id, string Payload)> commands) =>
        [.. commands.Select(c => $"{c.Id} {c.Payload}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static void Compare(string what, IReadOnlyList<string> expected, IReadOnlyList<string> actual, List<string> differences)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        var doubled = actual.Count - actual.Distinct(StringComparer.Ordinal).Count();
        differences.AddRange(missing.Take(5).Select(row => $"{what}: missing {row}"));
        differences.AddRange(extra.Take(5).Select(row => $"{what}: unexpected {row}"));
        if (missing.Count + extra.Count > 10)
        {
            differences.Add($"{what}: {missing.Count} missing and {extra.Count} unexpected rows in all");
        }

        if (doubled > 0)
        {
            differences.Add($"{what}: {doubled} rows twice");
        }
    }
}
