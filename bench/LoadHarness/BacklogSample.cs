namespace Platform.LoadHarness;

/// <summary>
/// Counters at one moment of the run, all cumulative since the start: events the broker holds on the device topic (the
/// sum of its partitions' end offsets), what the silos have checkpointed of them (the sum of their next offsets in
/// stream_checkpoints), and commands matched so far.
/// </summary>
/// <param name="Checkpointed">
/// Device events below every partition's checkpoint: delivered to their grains, and a grain's delivery completes only
/// after its state (with the batch's effects) is written, so these are applied with effect. The receivers write the
/// checkpoint about once a second, so this trails what the grains have applied by up to a second of work.
/// </param>
/// <param name="Unreadable">
/// Device events below the broker's low watermark but not below their partition's checkpoint: they fell off the
/// broker (the mock keeps ~5 MiB per partition) before a silo read them, and never reach a grain.
/// </param>
/// <param name="ClaimedPartitions">Device-topic partitions with a checkpoint row: queues some silo has claimed.</param>
internal sealed record BacklogSample(
    double Seconds, long DeviceEvents, long Checkpointed, long Commands, long DeviceLowWatermark, long Unreadable, int ClaimedPartitions)
{
    /// <summary>Device events not yet checkpointed: the whole pipeline's backlog.</summary>
    public long TotalLag => DeviceEvents - Checkpointed;
}
