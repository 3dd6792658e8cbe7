namespace Platform.LoadHarness;

/// <summary>
/// Counters at one moment of the run, all cumulative since the start: events the broker holds on the device topic,
/// what ingress has committed of them, envelopes on platform.events, what the grain host has applied (its offsets
/// committed with the state in PostgreSQL), and commands matched so far.
/// </summary>
internal sealed record BacklogSample(
    double Seconds, long DeviceEvents, long IngressCommitted, long GrainEvents, long Applied, long Commands, long DeviceLowWatermark)
{
    /// <summary>Envelopes on platform.events the grain host has not applied yet.</summary>
    public long GrainHostLag => GrainEvents - Applied;

    /// <summary>Device events ingress has not committed (it commits about once a second, so this includes up to 1 s of work done).</summary>
    public long IngressLag => DeviceEvents - IngressCommitted;

    /// <summary>Device events not yet applied by a grain: the whole pipeline's backlog.</summary>
    public long TotalLag => DeviceEvents - Applied;
}
