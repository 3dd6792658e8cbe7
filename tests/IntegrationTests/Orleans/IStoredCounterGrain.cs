using Orleans;

namespace Platform.IntegrationTests.Orleans;

/// <summary>A counter kept in the ADO.NET grain storage: every increment is one write.</summary>
public interface IStoredCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task ClearAsync();

    /// <summary>The id of the current activation: changes when the grain was deactivated and activated again.</summary>
    Task<string> ActivationAsync();

    Task DeactivateAsync();
}
