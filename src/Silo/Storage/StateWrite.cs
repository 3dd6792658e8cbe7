using Npgsql;

namespace Platform.Silo.Storage;

/// <summary>
/// One grain's state write waiting for the next group commit: the state, the version it was read at (0: never
/// written), the catalog rows and outbox messages it carries, and where to say how it went.
/// </summary>
internal sealed class StateWrite(string grainId, byte[] state, long expectedVersion, IReadOnlyList<NpgsqlBatchCommand> rows,
    IReadOnlyList<OutboxMessage> outbox, IReadOnlyList<(string ClipId, string TraceParent)> tracedClips)
{
    public string GrainId { get; } = grainId;

    public byte[] State { get; } = state;

    public long ExpectedVersion { get; } = expectedVersion;

    public IReadOnlyList<NpgsqlBatchCommand> Rows { get; } = rows;

    public IReadOnlyList<OutboxMessage> Outbox { get; } = outbox;

    /// <summary>Clips this write catalogs, with the trace each continues: the insert gets a span in it.</summary>
    public IReadOnlyList<(string ClipId, string TraceParent)> TracedClips { get; } = tracedClips;

    /// <summary>The new version, or an InconsistentStateException when another activation wrote meanwhile.</summary>
    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
