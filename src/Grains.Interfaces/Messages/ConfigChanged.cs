namespace Platform.Grains.Interfaces.Messages;

/// <summary>The grain's configuration (sensor zones, lines, rules; camera settings) changed in PostgreSQL: reload it.</summary>
public sealed record ConfigChanged : GrainMessage
{
    /// <summary>What changed, for logs: "rule r-12 updated".</summary>
    public string? What { get; init; }
}
