namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// Where an envelope came from: the external record ingress read (topic, partition, offset) and which of the
/// envelopes made from it this is (an edge.status heartbeat becomes one per camera). Ingress may re-produce a
/// record after a crash; the grain host skips an envelope whose position it has already applied.
/// </summary>
public sealed record IngressPosition(string Topic, int Partition, long Offset, int Index = 0)
{
    /// <summary>The key of the source partition in the host's watermark table.</summary>
    public string PartitionKey => $"{Topic}/{Partition}";

    /// <summary>True when this position comes after <paramref name="offset"/>/<paramref name="index"/> in its source partition.</summary>
    public bool IsAfter(long offset, int index) => Offset > offset || (Offset == offset && Index > index);
}
