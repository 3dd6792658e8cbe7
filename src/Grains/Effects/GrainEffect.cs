namespace Platform.Grains.Effects;

/// <summary>
/// Something a grain wants done outside itself: a message to publish or a row to write. The host stores
/// effects with the grain's state and the partition offset in one transaction, then executes them; the
/// deterministic <see cref="EffectId"/> lets the host and consumers drop a repeat after a replay.
/// </summary>
public abstract record GrainEffect
{
    public required string EffectId { get; init; }
}
