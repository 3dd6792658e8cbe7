using Platform.Grains.Live;

namespace Platform.Grains.Cameras;

/// <summary>Tuning of camera grains (configuration section "Grains:Camera").</summary>
public sealed record CameraGrainOptions
{
    /// <summary>A camera whose agent has not reported for this long (processing time) is offline. Default 30 s (agents report every few seconds).</summary>
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after its end a session waits for a late extending trigger before it is closed. Default 5 s.</summary>
    public TimeSpan SessionCloseGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many closed sessions are remembered to link their clips. Default 8.</summary>
    public int RecentSessions { get; init; } = 8;

    /// <summary>
    /// How often the reminder that outlives a dead silo wakes a camera that is online or recording, so that heartbeat
    /// silence and session ends are noticed there too. Default 1 min (Orleans' minimum reminder period).
    /// </summary>
    public TimeSpan LivenessReminderPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Live-view leases (section "Grains:Camera:Live").</summary>
    public LiveViewOptions Live { get; init; } = new();

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Live.Validate());
        if (OfflineAfter <= TimeSpan.Zero)
        {
            problems.Add("OfflineAfter must be positive.");
        }

        if (SessionCloseGrace < TimeSpan.Zero)
        {
            problems.Add("SessionCloseGrace must not be negative.");
        }

        if (RecentSessions < 0)
        {
            problems.Add("RecentSessions must not be negative.");
        }

        if (LivenessReminderPeriod < TimeSpan.FromSeconds(1))
        {
            problems.Add("LivenessReminderPeriod must be at least 1 s.");
        }

        return problems;
    }
}
