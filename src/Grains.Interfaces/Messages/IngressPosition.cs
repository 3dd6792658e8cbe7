using Orleans;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// Where an envelope came from: the Kafka record (topic, partition, offset) and which of the envelopes made from
/// it this is (an edge.status heartbeat becomes one per camera; a sensor's turn may ask several cameras to record).
/// After a crash a record is delivered again; a grain skips a position it has already applied.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record IngressPosition(string Topic, int Partition, long Offset, int Index = 0)
{
    /// <summary>The source partition: positions are ordered within it.</summary>
    public string PartitionKey => $"{Topic}/{Partition}";

    /// <summary>Offset and index as one ordered number (an index below 2^16), as grains store them.</summary>
    public long Packed => (Offset << 16) | (uint)Index;
}
