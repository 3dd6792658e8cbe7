namespace Platform.EdgeAgent.Telemetry;

/// <summary>
/// At most one log line per key per interval, so a flood of bad input cannot flood the log; the lines it holds
/// back are counted and reported with the next one. Driven by a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LogThrottle(TimeProvider time, TimeSpan interval)
{
    private readonly Dictionary<string, (DateTimeOffset Next, int Suppressed)> keys = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>True when a line for <paramref name="key"/> may be written now; <paramref name="suppressed"/> says how many were held back since the last.</summary>
    public bool ShouldLog(string key, out int suppressed)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (keys.TryGetValue(key, out var state) && now < state.Next)
            {
                keys[key] = state with { Suppressed = state.Suppressed + 1 };
                suppressed = 0;
                return false;
            }

            suppressed = state.Suppressed;
            keys[key] = (now + interval, 0);
            return true;
        }
    }
}
