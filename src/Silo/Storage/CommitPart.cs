namespace Platform.Silo.Storage;

/// <summary>One partition's share of a transaction: its batch, and where the partition stands after it.</summary>
public sealed record CommitPart(GrainBatch Batch, PartitionCheckpoint Checkpoint);
