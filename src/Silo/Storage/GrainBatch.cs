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

    /// <summary>Outbox rows of earlier batches whose messages the broker has acknowledged: deleted in this transaction.</summary>
    public List<string> DeliveredOutbox { get; } = [];

    /// <summary>Clips this batch adds to the catalog, with the trace of the message that brought them: a span each once committed.</summary>
    public List<(string ClipId, string TraceParent)> TracedClips { get; } = [];

    /// <summary>Direct mode: refused device records on their way to the dead-letter topic; the commit waits for them.</summary>
    public List<Task> DeadLetters { get; } = [];

    public int Messages { get; set; }

    public bool IsEmpty => Messages == 0 && Effects.Count == 0 && Outbox.Count == 0 && DeliveredOutbox.Count == 0;
}
