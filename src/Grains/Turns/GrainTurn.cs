using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Messages;

namespace Platform.Grains.Turns;

/// <summary>
/// One application of a message (or a timer) to one grain: the processing time, the source position the
/// effect ids are derived from, and the effects the grain emits. The host persists the grain's state and
/// these effects in one transaction with the partition offset, then executes the effects.
/// </summary>
public sealed class GrainTurn
{
    private readonly List<GrainEffect> effects = [];

    public GrainTurn(DateTimeOffset now, SourcePosition source)
    {
        Now = now;
        Source = source;
    }

    /// <summary>Processing time: used only for liveness (heartbeat silence, idle timeouts), never for rules.</summary>
    public DateTimeOffset Now { get; }

    public SourcePosition Source { get; }

    public IReadOnlyList<GrainEffect> Effects => effects;

    public static GrainTurn ForMessage(TimeProvider time, SourcePosition source)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new GrainTurn(time.GetUtcNow(), source);
    }

    /// <summary>A timer turn; <paramref name="due"/> is the NextTimerDue the host armed, which makes the turn's ids stable.</summary>
    public static GrainTurn ForTimer(TimeProvider time, int partition, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new GrainTurn(time.GetUtcNow(), SourcePosition.ForTimer(partition, due));
    }

    /// <summary>An id for an effect of <paramref name="grain"/>, unique by <paramref name="kind"/> and <paramref name="purpose"/> within this turn.</summary>
    public string NewId(string kind, GrainKey grain, string purpose) =>
        DeterministicId.Create(kind, grain.Value, purpose, Source);

    public void Emit(GrainEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);

        // Two effects with one id would make the host drop one of them as a duplicate: a bug in the grain, not data.
        // A turn emits a handful of effects: a scan is cheaper than a set per turn.
        foreach (var emitted in effects)
        {
            if (string.Equals(emitted.EffectId, effect.EffectId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Effect id {effect.EffectId} was emitted twice in one turn.");
            }
        }

        effects.Add(effect);
    }
}
