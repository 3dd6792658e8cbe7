using Orleans.Runtime;

namespace Platform.Grains.Hosting;

/// <summary>
/// A grain's one timer for its logic's next due time (processing time). A sensor's due time moves later with every
/// detection; replacing the timer each time costs more than the turn itself, so a timer armed for an earlier time is
/// kept: when it fires, the grain runs its logic's timer only if it is due by then, and otherwise arms again for the
/// new time. A due time earlier than the armed one, or none, replaces it.
/// </summary>
internal sealed class GrainTimerSlot
{
    private IGrainTimer? timer;
    private DateTimeOffset? armedFor;

    public void Arm(DateTimeOffset? due, Func<DateTimeOffset, IGrainTimer> register)
    {
        if (due is not { } at)
        {
            Cancel();
            return;
        }

        if (timer is not null && armedFor <= at)
        {
            return; // fires first, and then looks again
        }

        timer?.Dispose();
        armedFor = at;
        timer = register(at);
    }

    /// <summary>The timer fired (or is cancelled): the next Arm sets a new one.</summary>
    public void Fired() => Cancel();

    /// <summary>True when <paramref name="due"/> has come: the logic's timer should run now.</summary>
    public static bool IsDue(DateTimeOffset? due, TimeProvider time) => due is { } at && at <= time.GetUtcNow();

    /// <summary>How long from now until <paramref name="due"/>; zero when it has passed.</summary>
    public static TimeSpan Until(DateTimeOffset due, TimeProvider time)
    {
        var left = due - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Cancel()
    {
        timer?.Dispose();
        timer = null;
        armedFor = null;
    }
}
