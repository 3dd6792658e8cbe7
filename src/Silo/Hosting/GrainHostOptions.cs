namespace Platform.Silo.Hosting;

/// <summary>Section "GrainHost": how partition workers batch, and how many grains stay in memory.</summary>
public sealed class GrainHostOptions
{
    public const string Section = "GrainHost";

    /// <summary>
    /// At most this many messages of one partition go into one transaction. Batches are otherwise as large as what
    /// arrived while the previous commit ran: no timer holds a message back.
    /// </summary>
    public int BatchMaxMessages { get; set; } = 500;

    /// <summary>Grain activations kept in memory by this process; the least recently used idle ones are evicted beyond it.</summary>
    public int MaxActivations { get; set; } = 200_000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BatchMaxMessages is < 1 or > 100_000)
        {
            errors.Add("GrainHost:BatchMaxMessages must be between 1 and 100000.");
        }

        if (MaxActivations < 100)
        {
            errors.Add("GrainHost:MaxActivations must be at least 100.");
        }

        return errors;
    }
}
