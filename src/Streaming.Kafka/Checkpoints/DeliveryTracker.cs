namespace Platform.Streaming.Kafka.Checkpoints;

/// <summary>
/// Which records of one partition are done, so that the checkpoint moves only past records that every grain they
/// went to has taken (a delivery completes when the grain has applied and persisted it) or that are safely in the
/// dead-letter topic. A record is handed out with the number of parts that must complete (one per batch container
/// holding its events, or one for its dead letter); the checkpoint is the first offset with a part outstanding.
/// Thread-safe: deliveries complete on the pulling agent's turn, dead letters on the producer's thread.
/// </summary>
internal sealed class DeliveryTracker
{
    private readonly Lock gate = new();
    private readonly Queue<long> order = new();
    private readonly Dictionary<long, int> outstanding = [];
    private long nextToRead;
    private bool stopped;

    public DeliveryTracker(long start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        nextToRead = start;
    }

    /// <summary>Records handed out and not done.</summary>
    public int Outstanding
    {
        get
        {
            lock (gate)
            {
                return outstanding.Count;
            }
        }
    }

    /// <summary>Everything before this offset is done: where a new owner of the partition resumes.</summary>
    public long Checkpoint
    {
        get
        {
            lock (gate)
            {
                while (order.TryPeek(out var oldest) && !outstanding.ContainsKey(oldest))
                {
                    order.Dequeue();
                }

                return order.TryPeek(out var first) ? first : nextToRead;
            }
        }
    }

    /// <summary>A record read, with the parts that must complete before it is done (zero: done at once). Offsets only grow.</summary>
    public void HandOut(long offset, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parts);
        lock (gate)
        {
            if (offset < nextToRead)
            {
                throw new InvalidOperationException($"Offset {offset} was handed out after {nextToRead - 1}: a partition is read in order.");
            }

            nextToRead = offset + 1;
            if (parts > 0)
            {
                order.Enqueue(offset);
                outstanding[offset] = parts;
            }
        }
    }

    /// <summary>One part of the record at <paramref name="offset"/> completed (a container delivered, a dead letter sent).</summary>
    public void Complete(long offset)
    {
        lock (gate)
        {
            if (stopped || !outstanding.TryGetValue(offset, out var left))
            {
                return; // let go, or a part reported twice: nothing more to learn
            }

            if (left <= 1)
            {
                outstanding.Remove(offset);
            }
            else
            {
                outstanding[offset] = left - 1;
            }
        }
    }

    /// <summary>The partition was let go: what completes from now on no longer moves a checkpoint.</summary>
    public void Stop()
    {
        lock (gate)
        {
            stopped = true;
        }
    }
}
