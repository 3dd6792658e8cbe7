namespace Platform.Grains.Live;

/// <summary>Timing of live-view leases (configuration section "Grains:Camera:Live").</summary>
public sealed record LiveViewOptions
{
    /// <summary>A viewer that has not renewed for this long has left (a closed tab sends nothing). Default 20 s.</summary>
    public TimeSpan ViewerTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the agent streams after the last start it received, if no other comes. Default 30 s.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A viewer's renewal sends the agent a new lease when the one it has is this old. Default 10 s.</summary>
    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ViewerTimeout <= TimeSpan.Zero || Lease <= TimeSpan.Zero || RenewEvery <= TimeSpan.Zero)
        {
            problems.Add("Live.ViewerTimeout, Live.Lease and Live.RenewEvery must be positive.");
        }

        // After a renewal the agent's lease has more than Lease - RenewEvery left: it must outlast every viewer's
        // timeout, or a watched stream could stop between two renewals.
        if (RenewEvery > Lease - ViewerTimeout)
        {
            problems.Add($"Live.RenewEvery ({RenewEvery}) must be at most Live.Lease - Live.ViewerTimeout ({Lease - ViewerTimeout}).");
        }

        return problems;
    }
}
