namespace Platform.Grains.Effects;

/// <summary>
/// The effects a grain decided since its last state write. The grain storage writes them in the same transaction
/// as the state (catalog rows, and outbox rows for the Kafka messages), so a crash either keeps both or neither,
/// and the replay that follows decides them again with the same ids.
/// </summary>
public sealed class PendingEffects
{
    private readonly List<PendingEffect> effects = [];

    public int Count => effects.Count;

    public void Add(GrainEffect effect, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(effect);
        effects.Add(new PendingEffect(effect, traceParent));
    }

    /// <summary>Hands the effects to the storage writing them; the grain starts collecting anew.</summary>
    public IReadOnlyList<PendingEffect> Take()
    {
        if (effects.Count == 0)
        {
            return [];
        }

        var taken = effects.ToArray();
        effects.Clear();
        return taken;
    }
}
