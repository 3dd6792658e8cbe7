using System.Threading.Channels;

namespace Platform.Silo.Storage;

/// <summary>
/// Turns many single-key loads into one query: keys asked for while a query runs go into the next one. Thousands of
/// grains activating at once (a silo taking over queues, a device fleet starting) then cost a few round trips, not
/// one each, and a quiet silo still answers a lone request at once. Two queries in flight at most.
/// </summary>
internal sealed class BatchLoader<TKey, TValue> : IAsyncDisposable
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load;
    private readonly int maxBatch;
    private readonly Channel<(TKey Key, TaskCompletionSource<TValue?> Result)> requests =
        Channel.CreateUnbounded<(TKey, TaskCompletionSource<TValue?>)>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] loops;
    private int disposed;

    public BatchLoader(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load, int maxBatch)
    {
        this.load = load;
        this.maxBatch = maxBatch;
        loops = [Task.Run(RunAsync), Task.Run(RunAsync)];
    }

    /// <summary>The value for <paramref name="key"/>, or default when the query found none; the query's failure when it failed.</summary>
    public Task<TValue?> LoadAsync(TKey key)
    {
        var result = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!requests.Writer.TryWrite((key, result)))
        {
            result.SetException(new ObjectDisposedException(nameof(BatchLoader<TKey, TValue>)));
        }

        return result.Task;
    }

    /// <summary>Idempotent: a container that registered it under two service types disposes it twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        requests.Writer.TryComplete();
        await stopping.CancelAsync();
        await Task.WhenAll(loops);
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<(TKey Key, TaskCompletionSource<TValue?> Result)>(maxBatch);
        try
        {
            while (await requests.Reader.WaitToReadAsync(stopping.Token))
            {
                batch.Clear();
                while (batch.Count < maxBatch && requests.Reader.TryRead(out var request))
                {
                    batch.Add(request);
                }

                try
                {
                    var found = await load([.. batch.Select(r => r.Key).Distinct()], stopping.Token);
                    foreach (var (key, result) in batch)
                    {
                        result.TrySetResult(found.TryGetValue(key, out var value) ? value : default);
                    }
                }
                catch (Exception e)
                {
                    foreach (var (_, result) in batch)
                    {
                        result.TrySetException(e);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        while (requests.Reader.TryRead(out var left))
        {
            left.Result.TrySetCanceled();
        }
    }
}
