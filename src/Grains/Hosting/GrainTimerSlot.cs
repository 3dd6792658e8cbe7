using Orleans;
using Orleans.Runtime;
using Platform.Grains.Turns;

namespace Platform.Grains.Hosting;

/// <summary>
/// A grain's one timer for its logic's next due time (processing time). A sensor's due time moves later with every
/// detection; replacing the timer each time costs more than the turn itself, so a timer armed for an earlier time is
/// kept: when it fires, the grain's timer turn runs only if the logic is due by then, and otherwise the slot arms
/// again for the new time. A due time earlier than the armed one, or none, replaces it.
/// </summary>
/// <param name="grain">The grain whose timer this is.</param>
/// <param name="nextDue">The logic's next due time, read whenever the slot arms or fires.</param>
/// <param name="onDue">The grain's timer turn, given a turn for the due time.</param>
internal sealed class GrainTimerSlot(IGrainBase grain, TimeProvider time, Func<DateTimeOffset?> nextDue, Func<GrainTurn, Task> onDue)
{
    private IGrainTimer? timer;
    private DateTimeOffset? armedFor;

    /// <summary>Arms for the logic's next due time; call after every turn.</summary>
    public void Arm()
    {
        if (nextDue() is not { } at)
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
        timer = grain.RegisterGrainTimer(FireAsync, new GrainTimerCreationOptions
        {
            DueTime = Until(at, time),
            Period = Timeout.InfiniteTimeSpan,
        });
    }

    /// <summary>How long from now until <paramref name="due"/>; zero when it has passed.</summary>
    public static TimeSpan Until(DateTimeOffset due, TimeProvider time)
    {
        var left = due - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private Task FireAsync(CancellationToken cancellationToken)
    {
        Cancel();
        if (nextDue() is not { } due || due > time.GetUtcNow())
        {
            Arm();
            return Task.CompletedTask;
        }

        return onDue(GrainTurn.ForTimer(time, 0, due));
    }

    private void Cancel()
    {
        timer?.Dispose();
        timer = null;
        armedFor = null;
    }
}
