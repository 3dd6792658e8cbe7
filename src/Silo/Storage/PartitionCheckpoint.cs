namespace Platform.Silo.Storage;

/// <summary>
/// Where a partition worker stands: the next offset per topic (platform.events, platform.control) and the
/// highest external position applied per ingress source partition (to skip re-produced envelopes).
/// </summary>
public sealed class PartitionCheckpoint
{
    public Dictionary<string, long> NextOffsets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (long Offset, int Index)> SourceWatermarks { get; } = new(StringComparer.Ordinal);
}
