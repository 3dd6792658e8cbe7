namespace Platform.Silo.Ingress;

/// <summary>
/// Lets at most <paramref name="perWindow"/> log lines through per window, and reports how many it held back,
/// so that a device spraying bad messages cannot flood the log (the metric still counts every one).
/// </summary>
public sealed class LogRateLimiter(TimeProvider time, int perWindow, TimeSpan window)
{
    private readonly Lock gate = new();
    private DateTimeOffset windowStart = DateTimeOffset.MinValue;
    private int written;
    private int suppressed;

    /// <summary>True when this line may be written; <paramref name="suppressedBefore"/> is how many were held back since the last one.</summary>
    public bool TryAcquire(out int suppressedBefore)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now - windowStart >= window)
            {
                windowStart = now;
                written = 0;
            }

            if (written < perWindow)
            {
                written++;
                suppressedBefore = suppressed;
                suppressed = 0;
                return true;
            }

            suppressed++;
            suppressedBefore = 0;
            return false;
        }
    }
}
