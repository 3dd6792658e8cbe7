namespace Platform.Silo.Hosting;

/// <summary>Section "GrainHost": how partition workers batch, and how many grains stay in memory.</summary>
public sealed class GrainHostOptions
{
    public const string Section = "GrainHost";

    /// <summary>A batch (one PostgreSQL transaction) closes after this many messages…</summary>
    public int BatchMaxMessages { get; set; } = 500;

    /// <summary>…or this long after its first message, whichever comes first.</summary>
    public TimeSpan BatchMaxDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>…or when no message arrived for this long: a quiet partition does not hold its messages back.</summary>
    public TimeSpan BatchIdleClose { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Grain activations kept in memory by this process; the least recently used idle ones are evicted beyond it.</summary>
    public int MaxActivations { get; set; } = 200_000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BatchMaxMessages is < 1 or > 100_000)
        {
            errors.Add("GrainHost:BatchMaxMessages must be between 1 and 100000.");
        }

        if (BatchMaxDelay <= TimeSpan.Zero || BatchMaxDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add("GrainHost:BatchMaxDelay must be more than 0 and at most 10 s.");
        }

        if (BatchIdleClose <= TimeSpan.Zero || BatchIdleClose > BatchMaxDelay)
        {
            errors.Add("GrainHost:BatchIdleClose must be more than 0 and at most GrainHost:BatchMaxDelay.");
        }

        if (MaxActivations < 100)
        {
            errors.Add("GrainHost:MaxActivations must be at least 100.");
        }

        return errors;
    }
}
