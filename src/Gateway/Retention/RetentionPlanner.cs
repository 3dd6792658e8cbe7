namespace Platform.Gateway.Retention;

/// <summary>
/// Which clips of one camera to delete, given its policy and the time: a pure function, so the rules are tested
/// without a database or a clock. Clips are ranked newest first by (start, id), the catalog's order.
/// </summary>
public static class RetentionPlanner
{
    /// <summary>The clips to delete, oldest first (so an interrupted pass has removed the oldest).</summary>
    public static IReadOnlyList<RetentionDecision> Plan(RetentionPolicy policy, IEnumerable<RetentionCandidate> clips, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        DateTimeOffset? cutoff = policy.Days is { } days && days > 0 ? now - TimeSpan.FromDays(days) : null;
        long? budget = policy.Bytes is { } bytes && bytes > 0 ? bytes : null;
        var decisions = new List<RetentionDecision>();
        long kept = 0;
        var overBudget = false;
        foreach (var clip in clips.OrderByDescending(c => c.StartAt).ThenByDescending(c => c.Location.Id, StringComparer.Ordinal))
        {
            if (clip.StartAt < cutoff)
            {
                decisions.Add(new(clip, RetentionReason.Age));
                continue;
            }

            // Once the budget is spent every older clip goes too, even a small one that would still fit:
            // retention keeps a contiguous recent history, not a patchwork.
            kept += clip.SizeBytes;
            overBudget |= kept > budget;
            if (overBudget)
            {
                decisions.Add(new(clip, RetentionReason.Budget));
            }
        }

        decisions.Reverse();
        return decisions;
    }
}
