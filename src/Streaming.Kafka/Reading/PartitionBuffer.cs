using System.Threading.Channels;
using Confluent.Kafka;

namespace Platform.Streaming.Kafka.Reading;

/// <summary>
/// Records of one assigned partition, fetched by the silo's consumer and not yet taken by the partition's
/// receiver. One writer (the consumer's thread), one reader (the receiver). Past its limit the consumer pauses
/// the partition until the receiver has taken enough: a slow queue holds back only itself.
/// </summary>
internal sealed class PartitionBuffer(TopicPartition partition, int limit)
{
    private readonly Channel<ConsumeResult<byte[]?, byte[]>> records =
        Channel.CreateUnbounded<ConsumeResult<byte[]?, byte[]>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private int paused;

    // The single-reader channel cannot count (it is lock-free): count here.
    private int count;

    public TopicPartition Partition { get; } = partition;

    public int Count => Volatile.Read(ref count);

    /// <summary>Set by the consumer when it paused fetching; the receiver asks for a resume once it took enough.</summary>
    public bool IsPaused => Volatile.Read(ref paused) == 1;

    /// <summary>Adds a fetched record; true when the buffer is now full and fetching should pause.</summary>
    public bool Add(ConsumeResult<byte[]?, byte[]> record)
    {
        records.Writer.TryWrite(record);
        return Interlocked.Increment(ref count) >= limit;
    }

    public void MarkPaused(bool value) => Volatile.Write(ref paused, value ? 1 : 0);

    /// <summary>True when fetching should resume: paused, and drained to half the limit.</summary>
    public bool WantsResume => IsPaused && Count <= limit / 2;

    /// <summary>Moves up to <paramref name="max"/> records into <paramref name="into"/>, oldest first.</summary>
    public int Take(List<ConsumeResult<byte[]?, byte[]>> into, int max)
    {
        var taken = 0;
        while (taken < max && records.Reader.TryRead(out var record))
        {
            into.Add(record);
            Interlocked.Decrement(ref count);
            taken++;
        }

        return taken;
    }

    /// <summary>Completes when a record is there, or after <paramref name="wait"/>, or when cancelled (never throws for that).</summary>
    public async Task WaitAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Count > 0)
        {
            return;
        }

        // The receiver awaits on the pulling agent's scheduler: the continuation comes back there.
        using var timeout = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await records.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            // Nothing arrived in time, or the agent is stopping: either way the caller returns an empty read.
        }
    }
}
