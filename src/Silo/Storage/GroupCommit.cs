using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Platform.Silo.Storage;

/// <summary>
/// The silo's one commit pipeline. Partition workers hand in their batches; every batch handed in while a
/// transaction is in flight goes into the next one, so the silo runs one PostgreSQL transaction at a time for
/// all of its partitions. A quiet silo commits each message as soon as it is applied (no timer holds it back);
/// a busy one commits larger rounds as its partitions wait on each other, which is what bounds the commit rate.
/// </summary>
public sealed class GroupCommit
{
    private readonly GrainStore store;
    private readonly ILogger logger;
    private readonly Channel<PendingCommit> requests = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public GroupCommit(GrainStore store, ILogger logger)
    {
        this.store = store;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when the batch is durable. The caller must not touch the batch or checkpoint until then.</summary>
    public Task CommitAsync(GrainBatch batch, PartitionCheckpoint checkpoint)
    {
        var pending = new PendingCommit(new CommitPart(batch, checkpoint));
        if (!requests.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The silo's commit pipeline has stopped.");
        }

        return pending.Done.Task;
    }

    /// <summary>Commits what was handed in, then stops taking batches.</summary>
    public async Task StopAsync()
    {
        requests.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        var round = new List<PendingCommit>();
        while (await requests.Reader.WaitToReadAsync())
        {
            round.Clear();
            while (requests.Reader.TryRead(out var pending))
            {
                round.Add(pending);
            }

            try
            {
                var parts = round.Select(p => p.Part).ToList();
                await DatabaseRetry.RunAsync(() => store.CommitAsync(parts, CancellationToken.None), logger,
                    $"commit of partitions {string.Join(',', parts.Select(p => p.Batch.Partition).Distinct())}");
                round.ForEach(p => p.Done.SetResult());
            }
            catch (Exception e)
            {
                round.ForEach(p => p.Done.SetException(e));
            }
        }
    }

    // Continuations run on the thread pool, not on this loop: the next round must not wait for a worker's next batch.
    private sealed record PendingCommit(CommitPart Part)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
