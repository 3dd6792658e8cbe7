namespace Platform.EdgeAgent;

/// <summary>Exponential backoff: <c>initial × 2^(attempt-1)</c>, capped at <c>max</c>.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max)
    {
        if (attempt <= 1)
        {
            return initial < max ? initial : max;
        }

        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = initial.Ticks * factor;
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
