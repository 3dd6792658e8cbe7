using Orleans;

namespace Platform.IntegrationTests.Orleans;

/// <summary>Says which silo its activation lives on, so a test can see where a call landed.</summary>
public interface ISiloProbeGrain : IGrainWithStringKey
{
    Task<int> SiloPortAsync();
}
