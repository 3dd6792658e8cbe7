namespace Platform.Simulator.Publishing;

/// <summary>
/// When the n-th message of a steady stream is due: message n at n / rate seconds after the start, so a run of
/// <c>T</c> seconds at <c>R</c> per second sends exactly floor(R·T) messages however the sleeps fall. Pure: the caller
/// supplies elapsed time. A sender that fell behind catches up (the stream's total and timestamps stay exact).
/// </summary>
public sealed class RatePacer
{
    private readonly double ratePerSecond;

    public RatePacer(double ratePerSecond, TimeSpan? duration)
    {
        if (!double.IsFinite(ratePerSecond) || ratePerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be a positive number.");
        }

        this.ratePerSecond = ratePerSecond;
        Total = duration is { } d ? (long)Math.Floor(ratePerSecond * d.TotalSeconds) : null;
    }

    /// <summary>How many messages the run sends; null runs until stopped.</summary>
    public long? Total { get; }

    public bool IsFinished(long sent) => sent >= Total;

    /// <summary>When message <paramref name="index"/> (0-based) is due, after the start.</summary>
    public TimeSpan DueAt(long index) => TimeSpan.FromTicks((long)Math.Round(index * TimeSpan.TicksPerSecond / ratePerSecond));

    /// <summary>How many messages are due by <paramref name="elapsed"/> (the first is due at once).</summary>
    public long DueBy(TimeSpan elapsed)
    {
        var due = elapsed < TimeSpan.Zero ? 0 : (long)Math.Floor(elapsed.Ticks * ratePerSecond / TimeSpan.TicksPerSecond) + 1;
        return Total is { } total ? Math.Min(due, total) : due;
    }

    /// <summary>How long to wait, <paramref name="elapsed"/> into the run, before the next of <paramref name="sent"/> is due.</summary>
    public TimeSpan WaitBeforeNext(long sent, TimeSpan elapsed)
    {
        var wait = DueAt(sent) - elapsed;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
