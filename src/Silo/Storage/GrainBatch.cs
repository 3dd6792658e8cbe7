using Platform.Grains.Effects;

namespace Platform.Silo.Storage;

/// <summary>Everything one batch of one partition writes in one transaction.</summary>
public sealed class GrainBatch(int partition)
{
    public int Partition { get; } = partition;

    /// <summary>Dirty grains: id → (state, next timer).</summary>
    public Dictionary<string, (byte[] State, DateTimeOffset? NextTimer)> States { get; } = new(StringComparer.Ordinal);

    public List<GrainEffect> Effects { get; } = [];

    public List<OutboxMessage> Outbox { get; } = [];

    public int Messages { get; set; }

    public bool IsEmpty => Messages == 0 && Effects.Count == 0 && Outbox.Count == 0;
}
