namespace Platform.Streaming.Kafka.Checkpoints;

/// <summary>
/// Durable, fenced partition checkpoints. A silo that takes a queue claims its partition, which makes it the
/// partition's only owner (a new epoch); a later commit by an earlier owner, a silo that lost the queue but has
/// not noticed yet, is refused, so it can never move the checkpoint back or past what the new owner delivered.
/// </summary>
public interface IKafkaCheckpointer
{
    /// <summary>Becomes the owner of the partition; returns the lease and where reading resumes (null: the beginning).</summary>
    Task<PartitionLease> ClaimAsync(string topic, int partition, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="nextOffset"/>: every record before it is done. False when another owner has claimed the
    /// partition since <paramref name="lease"/> was taken (the commit is refused).
    /// </summary>
    Task<bool> CommitAsync(PartitionLease lease, long nextOffset, CancellationToken cancellationToken);
}
