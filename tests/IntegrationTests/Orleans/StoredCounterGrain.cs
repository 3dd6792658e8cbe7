using Orleans;
using Orleans.Runtime;

namespace Platform.IntegrationTests.Orleans;

public sealed class StoredCounterGrain(
    [PersistentState(StoredCounterGrain.StateName, OrleansTestHost.StorageName)] IPersistentState<CounterState> counter)
    : Grain, IStoredCounterGrain
{
    /// <summary>The storage provider sees this as the "grain type" of the state (the grain_type column).</summary>
    public const string StateName = "counter";

    public async Task<int> IncrementAsync()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(counter.State.Value);

    public Task ClearAsync() => counter.ClearStateAsync();

    public Task<string> ActivationAsync() => Task.FromResult(GrainContext.ActivationId.ToString());

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
